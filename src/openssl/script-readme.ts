// README.md of the folder `kubepki script` writes: how to run generate-pki.sh, what it needs, what it writes
// where, and why it is built the way it is. Plain text from the model (values already checked by the emitter).

import type {PkiModel} from '../pki/model.js';
import {controlPlanes} from '../plan/types.js';

export function renderScriptReadme(model: PkiModel): string {
  const {plan} = model;
  const cps = controlPlanes(plan).map((n) => n.name);
  return [
    `# generate-pki.sh — the PKI of cluster "${plan.clusterName}" as openssl commands`,
    '',
    'Written by `kubepki script`. The script builds the same tree `kubepki generate` writes for this plan,',
    'with plain `openssl` commands you can read, run and learn from.',
    '',
    '## Run it',
    '',
    '```sh',
    'bash generate-pki.sh            # writes ./pki beside the script',
    'bash generate-pki.sh /tmp/pki   # or any folder you name',
    '```',
    '',
    'It works from any working directory. Re-running it changes nothing: existing files are kept, an existing CA is',
    'never replaced. `KUBEPKI_FORCE=1 bash generate-pki.sh` replaces existing leaf certificates, keys and kubeconfigs',
    '(still never a CA). `KUBEPKI_VERBOSE=1` prints every certificate as text (`openssl x509 -noout -text`).',
    '',
    '## What it needs',
    '',
    '- bash (3.2 or newer; it is not a POSIX `sh` script)',
    '- OpenSSL 3.0 or newer (`openssl version`); LibreSSL, as shipped with macOS, is not enough: install OpenSSL 3',
    '- `date`, `mktemp`, `cp`, `mv`, `cmp`, `ps`: the ordinary POSIX tools, no GNU-only flags',
    '',
    '## What it writes where',
    '',
    `- \`TARGET/\`: the tree, laid out as \`${plan.certificates.layout}\`${plan.certificates.layout === 'kubeadm' ? ` (one folder per node; control planes: ${cps.join(', ')})` : ''},`,
    '  with its own README.md saying which file goes to which node and which flag reads it.',
    '  Keys and kubeconfigs are 0600, certificates 0644, folders 0700, whatever your umask.',
    '- `TARGET/.kubepki-staging-XXXXXX/`: the work folder while the script runs (keys, requests, the signing database);',
    '  the files are moved into place at the end and the folder is removed on exit, even after an error or Ctrl+C.',
    '- `TARGET/.kubepki.lock`: held while it runs, so two runs (or a run and `kubepki generate`) never mix.',
    '',
    '## The files here',
    '',
    '- `generate-pki.sh`: the steps, in the order a course teaches them: CAs, client certificates (CN = user, O = groups),',
    '  server certificates (SANs), the service-account key pair, kubeconfigs, then the tree.',
    '- `openssl/<id>.cnf`: one config per certificate: `[ req ]` and `[ dn ]` for `openssl req -new -config`, and the',
    '  `[ v3_… ]` extension section (with `[ alt_names ]`) for signing. One file per certificate rather than one file with',
    '  a section each (as Kubernetes the Hard Way does), so each can be read next to its commands and reused on its own.',
    '- `openssl/signing.cnf`: how `openssl ca` signs (database in the work folder, subject kept as requested, no copied',
    '  extensions).',
    '',
    '## Why `openssl ca` and not `openssl x509 -req`',
    '',
    'The exam form `openssl x509 -req -in x.csr -CA ca.crt -CAkey ca.key -days 365 -extfile x.cnf -extensions v3_x`',
    'always starts a certificate *now*. kubeadm starts every certificate 5 minutes in the past so that machines with a',
    'slightly late clock accept it, and OpenSSL 3.0 can only do that with `openssl ca -startdate … -enddate …`',
    '(`x509 -not_before` arrived in OpenSSL 3.4). The result is checked field by field against native generation.',
    '',
  ].join('\n');
}
