// Every subcommand as a light description, in the order `kubepki --help` lists them, and what bare `kubepki`
// runs. Each one's code is imported only when it runs, so --version and --help load nothing heavy.

import type {Command, OptionSpec} from './command.js';

/** `--plan FILE`, the same on every command that reads a plan. */
const PLAN_OPTION: OptionSpec = {
  type: 'string',
  arg: 'FILE',
  help: 'the plan (YAML; see `kubepki example`); default: one control-plane node named after this machine',
};

const wizardCommand: Command = {
  name: 'wizard',
  summary: 'the guided wizard: build a cluster PKI step by step, or learn the TLS basics',
  usage: ['[--plan FILE] [--out DIR] [--plain]'],
  options: {
    plan: {type: 'string', arg: 'FILE', help: 'open the wizard pre-filled from this plan'},
    out: {type: 'string', arg: 'DIR', help: 'the output folder it suggests', default: './pki'},
    plain: {type: 'boolean', help: 'ask line by line (screen readers, logs, dumb terminals) instead of the full-screen wizard'},
  },
  examples: ['kubepki', 'kubepki --plan kubepki.yaml', 'kubepki --plain --out /tmp/pki'],
  load: () => import('./commands/wizard.js'),
};

const generateCommand: Command = {
  name: 'generate',
  summary: 'generate the whole PKI (CAs, certificates, keys, kubeconfigs) into a folder',
  usage: ['generate [--plan FILE] [--out DIR] [--mode native|openssl] [--force] [--map] [--json]'],
  options: {
    plan: PLAN_OPTION,
    out: {type: 'string', arg: 'DIR', help: 'where to write', default: './pki'},
    mode: {type: 'string', arg: 'MODE', help: 'native (built in) or openssl (runs the script `kubepki script` writes; needs OpenSSL 3)', default: 'native'},
    force: {type: 'boolean', help: 'replace existing certificates and keys (existing CAs are reused, never overwritten)'},
    map: {type: 'boolean', help: 'also draw DIR/map.html, the PKI as a self-contained page (replaces only a map kubepki drew)'},
    json: {type: 'boolean', help: 'print a machine-readable list of the files written on stdout'},
  },
  examples: [
    'kubepki generate --out ./pki',
    'kubepki generate --plan plan.yaml --out ./pki --map',
    'kubepki generate --plan <(kubepki example ha) --out /tmp/x',
    'kubepki generate --plan plan.yaml --out ./pki --force --json',
    'kubepki generate --plan plan.yaml --mode openssl --out ./pki',
  ],
  load: () => import('./commands/generate.js'),
};

const scriptCommand: Command = {
  name: 'script',
  summary: 'write the PKI as a reviewable openssl script (generate-pki.sh + openssl.cnf files)',
  usage: ['script [--plan FILE] [--out DIR] [--style safe|exam] [--force]', 'script [--plan FILE] [--style safe|exam] --stdout'],
  options: {
    plan: PLAN_OPTION,
    out: {type: 'string', arg: 'DIR', help: 'the folder for generate-pki.sh, its openssl.cnf file(s) and README.md', default: './pki-script'},
    style: {type: 'string', arg: 'STYLE', help: 'safe: the script to run on real machines (locking, staging, CA reuse); exam: the short form a course teaches (genrsa, req -subj, x509 -req), for learning', default: 'safe'},
    stdout: {type: 'boolean', help: 'print the script on stdout instead of writing the folder'},
    force: {type: 'boolean', help: 'replace a script folder written before (a pki/ folder beside it is left alone)'},
  },
  examples: [
    'kubepki script --plan plan.yaml --out ./pki-script && bash ./pki-script/generate-pki.sh',
    'kubepki script --plan <(kubepki example ha) --out /tmp/s && bash /tmp/s/generate-pki.sh /tmp/s/pki',
    'kubepki script --stdout | less',
    'kubepki script --style exam --plan <(kubepki example single) --out /tmp/exam',
  ],
  load: () => import('./commands/script.js'),
};

const mapCommand: Command = {
  name: 'map',
  summary: 'draw the PKI: authorities, certificates, the programs and flags that read them (terminal, HTML or SVG)',
  usage: ['map [--plan FILE] [--html FILE] [--svg FILE] [--force]', 'map DIR [--plan FILE] [--html FILE] [--svg FILE] [--force]'],
  options: {
    plan: {...PLAN_OPTION, help: `${PLAN_OPTION.help}; with DIR, the plan the files are checked against`},
    html: {type: 'string', arg: 'FILE', help: 'write the map, the expiry timeline and tables as one self-contained HTML page'},
    svg: {type: 'string', arg: 'FILE', help: 'write the map as one self-contained SVG file'},
    force: {type: 'boolean', help: 'replace FILE if it exists'},
  },
  examples: [
    'kubepki map --plan plan.yaml',
    'kubepki map --plan <(kubepki example ha) --html map.html',
    'kubepki map ./pki --svg pki.svg',
    'NO_COLOR=1 COLUMNS=120 kubepki map --plan plan.yaml | less',
  ],
  positionals: {min: 0, max: 1},
  load: () => import('./commands/map.js'),
};

const checkCommand: Command = {
  name: 'check',
  summary: 'check a PKI folder: expiry table (as kubeadm certs check-expiration), then what is wrong and how to fix it',
  usage: ['check [DIR] [--plan FILE] [--warn-days N] [--timeline] [--json]'],
  options: {
    plan: {type: 'string', arg: 'FILE', help: 'also check that every file the plan implies exists and matches it field by field'},
    'warn-days': {type: 'string', arg: 'N', help: 'warn about certificates that expire within N days (default: 30)'},
    timeline: {type: 'boolean', help: 'also draw the expiry timeline: one bar per certificate, authorities above their leaves, today marked'},
    json: {type: 'boolean', help: 'print the tables and findings as JSON on stdout (schema: docs/check-json.md)'},
  },
  positionals: {min: 0, max: 1},
  examples: [
    'kubepki check /etc/kubernetes',
    'kubepki check ./pki --plan plan.yaml',
    'kubepki check /etc/kubernetes --timeline',
    'kubepki check ./node-copy --json | jq \'.findings[] | select(.severity == "error")\'',
  ],
  load: () => import('./commands/check.js'),
};

const renewCommand: Command = {
  name: 'renew',
  summary: 'renew leaf certificates in a folder as kubeadm certs renew does (same names and key), and say what to restart',
  usage: ['renew ID... | all --dir DIR [--new-key] [--plan FILE] [--dry-run]', 'renew ID... | all --dir DIR [--new-key] --script OUT'],
  options: {
    dir: {type: 'string', arg: 'DIR', help: 'the folder: a node root, a copy of /etc/kubernetes, or kubepki generate\'s --out'},
    'new-key': {type: 'boolean', help: 'give each certificate a new key of the same algorithm (default: keep the key)'},
    plan: {type: 'string', arg: 'FILE', help: 'renew to this plan instead (SANs added, ...): the differences are shown first'},
    'dry-run': {type: 'boolean', help: 'show what would be renewed and restarted; write nothing'},
    script: {type: 'string', arg: 'OUT', help: 'write renew-pki.sh to OUT instead: the same renewal done by openssl (x509 -x509toreq, x509 -req)'},
  },
  positionals: {min: 0, max: Infinity},
  examples: [
    'kubepki renew all --dir /etc/kubernetes',
    'kubepki renew apiserver admin.conf --dir ./pki',
    'kubepki renew cp-1/apiserver --dir ./pki --plan plan.yaml --dry-run',
    'kubepki renew all --dir /etc/kubernetes --script renew-pki.sh && bash renew-pki.sh',
  ],
  load: () => import('./commands/renew.js'),
};

const exampleCommand: Command = {
  name: 'example',
  summary: 'print an example plan file (single: 1 control plane + 1 worker; ha: 3 + 3, 2 users)',
  usage: ['example single|ha'],
  options: {},
  positionals: {min: 1, max: 1},
  examples: ['kubepki example single > plan.yaml', 'kubepki generate --plan <(kubepki example ha) --out /tmp/pki'],
  load: () => import('./commands/example.js'),
};

const practiceCommand: Command = {
  name: 'practice',
  summary: 'exam-style questions about a lab cluster generated for the run, graded field by field, and hands-on labs',
  usage: [
    'practice [--plain]   (asks: questions by topic and level, or a hands-on lab)',
    'practice [--topic TOPIC] [--level 1|2|3] [--count N] [--exam [--minutes M]] [--plain] [--dir DIR]',
    'practice --list [--json]',
    'practice lab ID --dir DIR',
    'practice check ID --dir DIR [--json]',
    'practice lab --list [--json]',
  ],
  options: {
    topic: {type: 'string', arg: 'TOPIC', help: 'only this topic (see --list): tls-basics, identities, sans, files-flags, inspect, csr-kubeconfig, rbac, troubleshooting'},
    level: {type: 'string', arg: 'N', help: 'up to this level: 1 foundation, 2 exam, 3 expert'},
    count: {type: 'string', arg: 'N', help: 'how many questions (default 10; 20 in an exam)'},
    exam: {type: 'boolean', help: 'exam mode: a timer, and the feedback only at the end'},
    minutes: {type: 'string', arg: 'M', help: 'the exam’s time limit (default 2 minutes a question)'},
    plain: {type: 'boolean', help: 'ask line by line instead of full screen'},
    dir: {type: 'string', arg: 'DIR', help: 'the lab folder (questions: keep the lab there instead of a temporary folder)'},
    seed: {type: 'string', arg: 'N', help: 'replay the lab and question order of an earlier run'},
    list: {type: 'boolean', help: 'print the question bank (or with lab: the labs) and exit'},
    json: {type: 'boolean', help: 'with --list or check: as JSON'},
  },
  positionals: {min: 0, max: 3},
  examples: [
    'kubepki practice',
    'kubepki practice --topic sans --level 2',
    'kubepki practice --exam --count 15',
    'kubepki practice lab create-user --dir ~/lab && cat ~/lab/TASK.md',
    'kubepki practice check create-user --dir ~/lab',
  ],
  load: () => import('./commands/practice.js'),
};

const inspectCommand: Command = {
  name: 'inspect',
  summary: 'read certificates, keys, kubeconfigs, manifests, folders or a live TLS endpoint, with the openssl command for each field',
  usage: ['inspect PATH... [--json] [--root DIR] [--servername NAME] [--ca FILE]'],
  options: {
    json: {type: 'boolean', help: 'print the report as JSON (schema: docs/inspect-json.md)'},
    root: {type: 'string', arg: 'DIR', help: 'read node paths (/etc/kubernetes/...) in manifests and kubeconfigs inside DIR'},
    servername: {type: 'string', arg: 'NAME', help: 'for an endpoint: the name to ask for and check (default: the host dialled)'},
    ca: {type: 'string', arg: 'FILE', help: 'for an endpoint: verify the presented chain against these CA certificates'},
  },
  positionals: {min: 1, max: Infinity},
  examples: [
    'kubepki inspect /etc/kubernetes/pki/apiserver.crt',
    'kubepki inspect ./pki',
    'kubepki inspect /etc/kubernetes/manifests/kube-apiserver.yaml',
    'kubepki inspect https://127.0.0.1:6443 --ca /etc/kubernetes/pki/ca.crt',
    'kubepki inspect ./pki/cp-1/etc/kubernetes/admin.conf --json',
  ],
  load: () => import('./commands/inspect.js'),
};

const userCommand: Command = {
  name: 'user',
  summary: 'onboard a person: key + CSR for kubectl to approve (the exam flow), or --sign with your CA',
  usage: [
    'user NAME --group G [--group G ...] [--dir DIR | --plan FILE] [--out DIR] [--days N]',
    'user NAME --group G ... --sign (--dir DIR | --ca-cert FILE --ca-key FILE) [--plan FILE] [--out DIR] [--days N]',
  ],
  options: {
    group: {type: 'string', arg: 'G', multiple: true, help: 'a group (an O in the certificate) RBAC can bind; repeat for more'},
    dir: {type: 'string', arg: 'DIR', help: 'a kubepki tree: its users/NAME/ gets the files, its CA signs with --sign'},
    plan: PLAN_OPTION,
    out: {type: 'string', arg: 'DIR', help: 'where to write the files (default: DIR/users/NAME with --dir, else ./NAME)'},
    days: {type: 'string', arg: 'N', help: 'validity in days (default: the plan\'s certificateValidityPeriod)'},
    sign: {type: 'boolean', help: 'sign here with the CA (the manual flow) and write a ready kubeconfig'},
    'ca-cert': {type: 'string', arg: 'FILE', help: 'the CA certificate for --sign (instead of --dir)'},
    'ca-key': {type: 'string', arg: 'FILE', help: 'the CA key for --sign'},
    'allow-system-masters': {type: 'boolean', help: 'allow the group system:masters (irrevocable, bypasses RBAC; only with --sign: the CSR API refuses it)'},
  },
  positionals: {min: 1, max: 1},
  examples: [
    'kubepki user jane --group developers',
    'kubepki user jane --group developers --group qa --dir ./pki --sign',
    'kubepki user ops-bot --group ops --sign --ca-cert /etc/kubernetes/pki/ca.crt --ca-key /etc/kubernetes/pki/ca.key --out /tmp/ops-bot',
  ],
  load: () => import('./commands/user.js'),
};

export const COMMANDS: Command[] = [wizardCommand, generateCommand, scriptCommand, inspectCommand, checkCommand, renewCommand, mapCommand, practiceCommand, userCommand, exampleCommand];
export const DEFAULT_COMMAND: Command = wizardCommand;
