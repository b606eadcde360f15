// The lessons: short explanations in our own words, keyed by topic. The wizard shows a lesson's `why`
// beside each step and the whole text on `?`; "Learn TLS basics" lists them all in curriculum order.

export interface Lesson {
  id: string;
  title: string;
  /** Two or three sentences: the "why" panel beside a wizard step. */
  why: string;
  /** The full lesson: paragraphs and `- ` bullet lines. */
  body: string[];
}

export const LESSONS: Lesson[] = [
  {
    id: 'key-pairs',
    title: 'Key pairs',
    why: 'TLS rests on key pairs: what the public key locks, only the private key opens, and what the private key signs, anyone can check with the public key.',
    body: [
      'Every TLS identity starts with a key pair. The two halves are made together and belong together.',
      '- The public key may be shown to anyone. Data encrypted with it can only be decrypted with the private key.',
      '- The private key never leaves its owner. A signature made with it can be checked by anyone who has the public key.',
      'A certificate is a public key with a name attached, signed by someone others trust. The private key stays in its own file.',
      'Make a private key (the public half can always be derived from it): openssl genrsa -out ca.key 2048',
    ],
  },
  {
    id: 'files',
    title: 'Public and private files',
    why: 'Tell the files apart by name: *.crt and *.pem hold certificates (public, safe to copy); *.key and *-key.pem hold private keys (secret, mode 0600).',
    body: [
      'A PKI folder mixes things you may hand out with things you must guard. The names tell you which is which.',
      '- Public: *.crt and *.pem (apiserver.crt, ca.pem, sa.pub). Copy them anywhere; they prove nothing on their own.',
      '- Private: *.key and *-key.pem (apiserver.key, admin-key.pem, sa.key). Whoever has one can act as its owner.',
      'kubepki writes keys and kubeconfigs (which embed a key) with mode 0600 and certificates with 0644.',
      'A kubeconfig holds a client key inside it: treat it as private too.',
    ],
  },
  {
    id: 'terms',
    title: 'CA, CSR, CRT, PEM, KEY',
    why: 'A CA signs; a CSR asks to be signed; a CRT is the signed result; PEM is the Base64 text wrapping they all come in; KEY is the private key.',
    body: [
      '- CA (Certificate Authority): a key pair whose certificate everyone trusts. Its signature on another certificate vouches for it.',
      '- CSR (Certificate Signing Request): your public key plus the name you want (the subject), signed by your own private key, sent to the CA.',
      '- CRT (certificate): what the CA sends back: your public key, your name, the CA as Issuer, dates and usages, signed by the CA.',
      '- PEM (Privacy Enhanced Mail): Base64 text between a -----BEGIN CERTIFICATE----- line and an -----END CERTIFICATE----- line (or PRIVATE KEY, and so on). It can carry certificates, private keys, certificate chains and public keys.',
      '- KEY: the private key file. Never sent to the CA; the CSR carries only the public half.',
      'The usual round trip: genrsa → req -new (CSR) → x509 -req (the CA signs) → a .crt.',
    ],
  },
  {
    id: 'tls-in-kubernetes',
    title: 'TLS in Kubernetes',
    why: 'Every connection between Kubernetes components is encrypted and both sides prove who they are: servers with server certificates, clients with client certificates.',
    body: [
      'The API server, etcd, the kubelets, the scheduler, the controller-manager, kube-proxy and kubectl all talk over TLS.',
      '- A server certificate proves to a client that it reached the right server (serverAuth).',
      '- A client certificate proves to a server who the caller is (clientAuth). The API server reads the user name and groups from it.',
      'Every certificate must be signed by a CA that the other side trusts.',
    ],
  },
  {
    id: 'ca',
    title: 'Certificate authorities',
    why: 'Kubernetes needs at least one CA to sign everything. kubeadm uses three: the cluster CA, an etcd CA (so API clients cannot reach etcd) and a front-proxy CA.',
    body: [
      'A CA is a private key plus a self-signed certificate (ca.key, ca.crt). Components that trust ca.crt accept any certificate the CA signed.',
      '- One CA works, but then everything trusts one ca.crt: etcd accepts any certificate it signed, so any user or kubelet certificate can read and write etcd.',
      '- Separate CAs limit damage: with its own CA, etcd accepts only certificates the etcd CA signed, so a leaked kubelet or user certificate cannot talk to etcd. The front-proxy CA lets extension API servers trust only the API server’s proxy identity.',
      'CAs live long (10 years by default), leaves short (1 year): renewing a leaf is routine, replacing a CA means touching every node.',
      'Make a self-signed root (its extensions must also say CA:TRUE): openssl req -x509 -new -key ca.key -subj "/CN=kubernetes" -days 3650 -out ca.crt',
    ],
  },
  {
    id: 'server-certs',
    title: 'Server certificates',
    why: 'Components that listen need server certificates: the API server (apiserver.crt), etcd (etcd server.crt, peer.crt) and every kubelet (kubelet.crt).',
    body: [
      '- kube-apiserver: apiserver.crt/.key, served on :6443.',
      '- etcd: etcd/server.crt/.key for clients on :2379, etcd/peer.crt/.key between members on :2380.',
      '- kubelet: kubelet.crt/.key on every node, served on :10250.',
      'Servers that run several copies for high availability (etcd, the API server) also need peer certificates or one certificate per node.',
    ],
  },
  {
    id: 'client-certs',
    title: 'Client certificates',
    why: 'Everything that calls the API server logs in with a client certificate: the scheduler, the controller-manager, kube-proxy, each kubelet, and people using kubectl.',
    body: [
      '- kube-scheduler: CN system:kube-scheduler.',
      '- kube-controller-manager: CN system:kube-controller-manager.',
      '- kube-proxy: CN system:kube-proxy.',
      '- admin (kubectl): CN kubernetes-admin in the group kubeadm:cluster-admins.',
      '- The API server is itself a client of etcd and of the kubelets. You could reuse apiserver.crt for that; kubeadm makes separate ones (apiserver-etcd-client, apiserver-kubelet-client) so each can be replaced alone.',
      'After a client certificate is made, it goes into a kubeconfig file with the CA certificate and the server address.',
    ],
  },
  {
    id: 'identity',
    title: 'Users and groups: CN and O',
    why: 'The API server takes the user name from the subject’s CN and one group from each O. RBAC then grants rights to that user or group.',
    body: [
      'Ask for user john in the groups developers and qa: openssl req -new -key john.key -subj "/CN=john/O=developers/O=qa" -out john.csr',
      'Groups are how you tell an administrator from an ordinary user: bind the role to the group, not to each person.',
      'Since Kubernetes 1.29 kubeadm’s admin.conf uses the group kubeadm:cluster-admins, which RBAC binds to cluster-admin: it can be revoked by deleting that binding.',
    ],
  },
  {
    id: 'system-masters',
    title: 'system:masters',
    why: 'system:masters is a built-in group that bypasses RBAC entirely. A certificate carrying it cannot be revoked short of replacing the CA, so only the break-glass super-admin gets it.',
    body: [
      'Kubernetes has no certificate revocation: a client certificate works until it expires.',
      'For most groups that is fine, because RBAC decides what they may do and a binding can be deleted.',
      'system:masters is different: members skip RBAC. A leaked system:masters certificate is full control for up to a year.',
      'kubeadm therefore gives it only to super-admin.conf (CN kubernetes-super-admin) on the first control-plane node. Keep that file offline.',
      'The CSR API refuses system:masters requests for the same reason.',
    ],
  },
  {
    id: 'kubelet-naming',
    title: 'Kubelet client certificates',
    why: 'A kubelet logs in as system:node:NODE in the group system:nodes. The Node authorizer reads both to let each kubelet touch only its own node’s objects.',
    body: [
      'The CN must be exactly system:node: followed by the node’s registered name (its lowercase hostname), and O must be system:nodes.',
      'Get either wrong and the kubelet authenticates but is refused with an error like: nodes "node01" is forbidden: User "system:node:worker1" cannot get resource "nodes".',
      'The certificate goes into the node’s kubelet.conf kubeconfig.',
    ],
  },
  {
    id: 'etcd',
    title: 'etcd server and peer certificates',
    why: 'etcd needs a server certificate for its clients (:2379), a peer certificate for the other members (:2380) and a CA it trusts; both certificates carry serverAuth and clientAuth.',
    body: [
      'etcd’s flags name three kinds of file: --cert-file/--key-file (server), --peer-cert-file/--peer-key-file (peer) and --trusted-ca-file/--peer-trusted-ca-file (the CA).',
      'Each control-plane node has its own pair, with its node name, its address, localhost, 127.0.0.1 and ::1 as SANs.',
      'The API server reaches etcd with its own client certificate (apiserver-etcd-client) and --etcd-cafile pointing at the etcd CA, not the cluster CA.',
    ],
  },
  {
    id: 'apiserver-sans',
    title: 'The API server’s SANs',
    why: 'Clients reach the API server under many names and addresses; each one must be listed as a Subject Alternative Name, or clients refuse the connection.',
    body: [
      'Modern clients ignore the CN of a server certificate and check only the SANs.',
      '- DNS: kubernetes, kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local (with your DNS domain).',
      '- IP: the first address of the service subnet (10.96.0.1 for 10.96.0.0/12): pods reach the kubernetes Service there.',
      '- The node’s name and address, and the load balancer name or address in front of several API servers.',
      'With openssl the SANs go into an openssl.cnf [alt_names] section (DNS.1 = kubernetes, IP.1 = 10.96.0.1 and so on) or -addext. openssl x509 -req copies none of them unless given -extfile and -extensions.',
      'The certificate is configured with kube-apiserver --tls-cert-file and --tls-private-key-file; its CA for clients is --client-ca-file.',
    ],
  },
  {
    id: 'kubelet-serving',
    title: 'Kubelet serving certificates',
    why: 'Each kubelet serves its API on :10250 with its own certificate, named after its node, with the node’s name and address as SANs.',
    body: [
      'There is one per node because each has its own name and address.',
      'It is set in the kubelet config file (kubelet-config.yaml): tlsCertFile and tlsPrivateKeyFile; the CA that checks clients is authentication.x509.clientCAFile.',
      'The API server can check it with --kubelet-certificate-authority.',
    ],
  },
  {
    id: 'inspect',
    title: 'Inspecting a certificate',
    why: 'openssl x509 -in FILE -text -noout shows what a certificate says: Issuer, Subject, the validity dates, the SANs and the key usages. Check it before you trust it.',
    body: [
      'Start from the component: static pod manifests (/etc/kubernetes/manifests/kube-apiserver.yaml, etcd.yaml) name the files in their flags.',
      'Print everything a certificate says: openssl x509 -in apiserver.crt -text -noout',
      '- Issuer: CN = kubernetes — the CA that signed it.',
      '- Subject: CN = kube-apiserver — who it belongs to; for a client, each O is a group.',
      '- Validity: Not Before and Not After — when it starts and when it expires.',
      '- X509v3 Subject Alternative Name — every name and IP it is valid for; X509v3 Extended Key Usage — server, client or both.',
      'Print only the expiry date (notAfter=): openssl x509 -in apiserver.crt -noout -enddate',
      'Ask whether it expires within a day (exit status 1 if so, 0 if not; 86400 seconds): openssl x509 -in apiserver.crt -noout -checkend 86400',
      'On a kubeadm control-plane node, list every certificate with its expiry and its CA: kubeadm certs check-expiration',
      'Check that the CA really signed it: openssl verify -CAfile ca.crt apiserver.crt',
    ],
  },
];

export function lessonById(id: string): Lesson {
  const lesson = LESSONS.find((l) => l.id === id);
  if (!lesson) throw new Error(`unknown lesson ${id}`);
  return lesson;
}
