// The fixed parts of generate-pki.sh: safety settings, helper functions, preflight (openssl version, target,
// lock, staging) and the final install. No plan value appears here; emit.ts adds the per-plan steps around it.

import {LOCK_FILE, STAGING_PREFIX} from '../pki/layout.js';

/** Lines the script prints for `kubepki generate --mode openssl` when KUBEPKI_PROGRESS=1. */
export const PROGRESS_PREFIX = 'kubepki-progress';

/** Raw text (backslashes kept for bash), where `\${` writes a literal `${` and `${x}` interpolates. */
function bash(strings: TemplateStringsArray, ...values: string[]): string {
  return String.raw({raw: strings.raw.map((s) => s.replaceAll('\\${', '${'))}, ...values);
}

export const SAFETY = bash`# bash, not sh: started as 'sh generate-pki.sh', say so before anything bash-only runs.
if [ -z "\${BASH_VERSION:-}" ]; then echo 'generate-pki.sh: run it with bash: bash generate-pki.sh [TARGET]' >&2; exit 2; fi
set -Eeuo pipefail   # stop at the first failing command, unset variable or failing pipe
umask 077            # every file and folder starts private (0600/0700); certificates are opened up to 0644 below
set -o noclobber     # '>' never overwrites an existing file
export LC_ALL=C      # byte-wise, locale-independent text handling
unset CDPATH`;

export const HELPERS = bash`exec 4>&2   # fd 4: the terminal's stderr, for our own messages (openssl's chatter goes to a log, see below)
die() { printf 'generate-pki.sh: %s\n' "$*" >&4; exit 1; }
PROGRESS=\${KUBEPKI_PROGRESS:-0}
FORCE=\${KUBEPKI_FORCE:-0}
VERBOSE=\${KUBEPKI_VERBOSE:-0}
say() { if [ "$PROGRESS" != 1 ]; then printf '%s\n' "$*"; fi; }
progress() { if [ "$PROGRESS" = 1 ]; then printf '${PROGRESS_PREFIX} %s\n' "$*"; fi; }

# report_cert ID PATH created|reused
report_cert() {
  progress "cert $1 $2 $3"
  if [ "$3" = created ]; then say "  created $1  ($2)"; else say "  reused  $1  ($2 exists)"; fi
}

# utc_time SECONDS: seconds since 1970 (UTC) as YYYYMMDDHHMMSSZ, the form 'openssl ca -startdate' takes.
# Plain bash arithmetic (Howard Hinnant's civil_from_days), because 'date -d @N' is GNU-only and 'date -r N' BSD-only.
utc_time() {
  local t=$1 days secs z era doe yoe doy mp d m y
  days=$(( t / 86400 )); secs=$(( t % 86400 ))
  z=$(( days + 719468 )); era=$(( z / 146097 )); doe=$(( z - era * 146097 ))
  yoe=$(( (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 ))
  doy=$(( doe - (365 * yoe + yoe / 4 - yoe / 100) ))
  mp=$(( (5 * doy + 2) / 153 ))
  d=$(( doy - (153 * mp + 2) / 5 + 1 ))
  m=$(( mp < 10 ? mp + 3 : mp - 9 ))
  y=$(( yoe + era * 400 + (m <= 2 ? 1 : 0) ))
  printf '%04d%02d%02d%02d%02d%02dZ' "$y" "$m" "$d" $(( secs / 3600 )) $(( secs % 3600 / 60 )) $(( secs % 60 ))
}

# new_serial: a random serial for the next 'openssl ca', written where signing.cnf looks for it. 16 random bytes
# with the top bit cleared (positive, as Go requires) and the next one set (so no leading zero byte): the same
# shape native mode uses. No -CAcreateserial, so no ca.srl file is left beside the CA.
new_serial() {
  local hex
  hex=$(openssl rand -hex 16)
  case $hex in
    *[!0-9a-f]*) die "openssl rand gave an unexpected serial: $hex" ;;
  esac
  [ \${#hex} -eq 32 ] || die "openssl rand gave an unexpected serial: $hex"
  printf '%02x%s\n' $(( (0x\${hex:0:2} & 0x3f) | 0x40 )) "\${hex:2}" >|ca-db/serial
}

# b64 FILE: the file as one line of base64, the form kubeconfigs embed (no GNU-only 'base64 -w0').
b64() { openssl base64 -A -in "$1"; }

# key_matches CERT KEY: true when KEY is the private key of CERT.
key_matches() {
  local a b
  a=$(openssl x509 -noout -pubkey -in "$1") || return 1
  b=$(openssl pkey -pubout -in "$2") || return 1
  [ "$a" = "$b" ]
}

# kubeconfig_data FILE FIELD: the one-line base64 value of FIELD in a kubeconfig this script wrote.
kubeconfig_data() {
  local line
  while IFS= read -r line; do
    case $line in
      "    $2: "*) printf '%s' "\${line#"    $2: "}"; return 0 ;;
    esac
  done <"$1"
  return 1
}

# reuse_ca ID PATH...: an authority already in the target (at any PATH.crt + PATH.key) is reused, never replaced,
# as kubeadm does. Both halves must exist, it must be an unexpired CA owning the key, and all copies must agree.
reuse_ca() {
  local id=$1 path found='' bc
  shift
  for path in "$@"; do
    if [ ! -e "$TARGET/$path.crt" ] && [ ! -e "$TARGET/$path.key" ]; then continue; fi
    if [ ! -f "$TARGET/$path.crt" ] || [ ! -f "$TARGET/$path.key" ]; then
      die "only one of $path.crt and $path.key exists: kubepki never replaces half a CA; restore or remove both"
    fi
    if [ -n "$found" ]; then
      if ! cmp -s "$TARGET/$path.crt" "$id.crt" || ! cmp -s "$TARGET/$path.key" "$id.key"; then
        die "$path.crt/.key differ from $found.crt/.key: two different $id authorities in one tree"
      fi
      continue
    fi
    openssl x509 -noout -checkend 0 -in "$TARGET/$path.crt" >/dev/null || die "$path.crt has expired or is not a certificate: move it away to make a new $id"
    bc=$(openssl x509 -noout -ext basicConstraints -in "$TARGET/$path.crt") || die "cannot read $path.crt"
    case $bc in
      *CA:TRUE*) ;;
      *) die "$path.crt is not a CA: move it away to make a new $id" ;;
    esac
    key_matches "$TARGET/$path.crt" "$TARGET/$path.key" || die "$path.key is not the key of $path.crt"
    cp -- "$TARGET/$path.crt" "$id.crt" || die "cannot copy $path.crt"
    cp -- "$TARGET/$path.key" "$id.key" || die "cannot copy $path.key"
    found=$path
  done
  [ -n "$found" ]
}

# reuse_leaf ID SIGNER files|kubeconfig PATH: a leaf already in the target (PATH.crt + PATH.key, or embedded in
# the kubeconfig PATH) is kept, so a second run changes nothing; KUBEPKI_FORCE=1 makes a new one instead.
reuse_leaf() {
  local id=$1 signer=$2 kind=$3 path=$4 data
  if [ "$FORCE" = 1 ]; then return 1; fi
  if [ "$kind" = files ]; then
    if [ ! -e "$TARGET/$path.crt" ] && [ ! -e "$TARGET/$path.key" ]; then return 1; fi
    if [ ! -f "$TARGET/$path.crt" ] || [ ! -f "$TARGET/$path.key" ]; then
      die "only one of $path.crt and $path.key exists: remove it, or set KUBEPKI_FORCE=1 to replace it"
    fi
    cp -- "$TARGET/$path.crt" "$id.crt" || die "cannot copy $path.crt"
    cp -- "$TARGET/$path.key" "$id.key" || die "cannot copy $path.key"
  else
    if [ ! -f "$TARGET/$path" ]; then return 1; fi
    # A kubeconfig in another shape (edited by hand) is not reused; the install step then reports it.
    data=$(kubeconfig_data "$TARGET/$path" client-certificate-data) || return 1
    case $data in ''|*[!A-Za-z0-9+/=]*) return 1 ;; esac
    printf '%s' "$data" | openssl base64 -d -A >"$id.crt" || return 1
    data=$(kubeconfig_data "$TARGET/$path" client-key-data) || return 1
    case $data in ''|*[!A-Za-z0-9+/=]*) return 1 ;; esac
    printf '%s' "$data" | openssl base64 -d -A >"$id.key" || return 1
    chmod 600 "$id.key"
  fi
  openssl verify -CAfile "$signer.crt" "$id.crt" >/dev/null 2>&1 || die "$path: the existing $id certificate is not signed by $signer (or has expired): remove it, or set KUBEPKI_FORCE=1 to replace it"
  key_matches "$id.crt" "$id.key" || die "$path: the existing $id key does not match its certificate: remove it, or set KUBEPKI_FORCE=1"
}

# reuse_sa PATH: an existing sa.key is kept when it is an RSA key and any sa.pub beside it matches.
reuse_sa() {
  local path=$1
  if [ ! -e "$TARGET/$path.key" ]; then return 1; fi
  openssl rsa -noout -in "$TARGET/$path.key" 2>/dev/null || return 1
  cp -- "$TARGET/$path.key" sa.key || die "cannot copy $path.key"
  openssl rsa -in sa.key -pubout -out sa.pub
  if [ -e "$TARGET/$path.pub" ] && ! cmp -s sa.pub "$TARGET/$path.pub"; then
    rm -f -- sa.key sa.pub
    return 1
  fi
}

# place WORK-FILE TREE-PATH MODE: stage a file at its place in the tree, with its final mode set explicitly
# (a mode at creation would be narrowed or widened by the umask).
place() {
  mkdir -p -- "$TREE/$(dirname -- "$2")"
  cp -- "$1" "$TREE/$2"
  chmod "$3" "$TREE/$2"
}

# make_dirs PATH: create PATH below the target one folder at a time (0700), refusing symbolic links, so a
# planted link cannot send files outside the target.
make_dirs() {
  local rest=$1 part cur=$TARGET
  while [ -n "$rest" ] && [ "$rest" != . ]; do
    part=\${rest%%/*}
    if [ "$part" = "$rest" ]; then rest=''; else rest=\${rest#*/}; fi
    cur=$cur/$part
    if [ -L "$cur" ]; then die "$cur is a symbolic link: move it away"; fi
    if [ ! -d "$cur" ]; then mkdir -m 700 -- "$cur" || die "cannot create $cur"; fi
  done
}`;

export const PREFLIGHT = bash`case \${1:-} in
  -h | --help)
    printf 'usage: bash generate-pki.sh [TARGET]   (TARGET defaults to ./pki beside this script)\n'
    exit 0 ;;
esac
if [ $# -gt 1 ]; then die "usage: bash generate-pki.sh [TARGET]"; fi

# OpenSSL 3.0 or newer: genrsa -traditional, and 'openssl ca' taking YYYYMMDDHHMMSSZ dates. LibreSSL will not do.
command -v openssl >/dev/null 2>&1 || die "openssl is not installed: install OpenSSL 3.0 or newer"
OPENSSL_VERSION=$(openssl version)
case $OPENSSL_VERSION in
  'OpenSSL 3.'* | 'OpenSSL '[4-9].*) ;;
  *) die "OpenSSL 3.0 or newer is needed, found: $OPENSSL_VERSION" ;;
esac

# Paths: the cnf files live beside this script; TARGET is made absolute before we change folder, so the
# script works from any working directory.
SCRIPT_DIR=$(cd -- "$(dirname -- "\${BASH_SOURCE[0]}")" && pwd -P)
[ -f "$SCRIPT_DIR/openssl/signing.cnf" ] || die "$SCRIPT_DIR/openssl/ is missing: keep the openssl folder beside this script"
TARGET=\${1:-$SCRIPT_DIR/pki}
case $TARGET in -*) TARGET=./$TARGET ;; esac
mkdir -p -- "$TARGET" || die "cannot create $TARGET"
TARGET=$(cd -- "$TARGET" && pwd -P)

# One run at a time per target: the same lock file kubepki uses, holding our PID. A lock left by a run that
# died is cleared. (kubepki generate --mode openssl takes the lock itself and says so in KUBEPKI_LOCK_HOLDER.)
LOCK=$TARGET/${LOCK_FILE}
OWN_LOCK=0
take_lock() {
  local holder
  if (set -o noclobber; printf '%s\n' "$$" >"$LOCK") 2>/dev/null; then OWN_LOCK=1; return 0; fi
  holder=$(cat -- "$LOCK" 2>/dev/null || true)
  if [ -n "\${KUBEPKI_LOCK_HOLDER:-}" ] && [ "$holder" = "$KUBEPKI_LOCK_HOLDER" ]; then return 0; fi
  case $holder in
    '' | *[!0-9]*) ;;
    *) if ps -p "$holder" >/dev/null 2>&1; then die "another run (pid $holder) holds $LOCK: wait for it, or remove the file if it is stale"; fi ;;
  esac
  rm -f -- "$LOCK"
  (set -o noclobber; printf '%s\n' "$$" >"$LOCK") 2>/dev/null || die "cannot take the lock $LOCK"
  OWN_LOCK=1
}
take_lock

# Everything is built in a staging folder inside the target and moved into place at the end, so an
# interrupted run leaves no half-written file. The trap removes the staging folder (keys, requests, the
# signing database) whatever happens, and shows openssl's messages if a step failed.
STAGE=''
cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ] && [ -n "$STAGE" ] && [ -s "$STAGE/openssl.log" ]; then
    printf 'generate-pki.sh: openssl said:\n' >&4
    tail -n 15 "$STAGE/openssl.log" >&4 || true
  fi
  if [ -n "$STAGE" ]; then rm -rf -- "$STAGE"; fi
  if [ "$OWN_LOCK" = 1 ]; then rm -f -- "$LOCK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'printf "generate-pki.sh: failed at line %s (exit %s)\n" "$LINENO" "$?" >&4' ERR
if [ "$OWN_LOCK" = 1 ]; then
  # Staging folders of runs that died are ours to remove now that we hold the lock.
  for old in "$TARGET"/${STAGING_PREFIX}*; do
    if [ -d "$old" ] && [ ! -L "$old" ]; then rm -rf -- "$old"; fi
  done
fi
STAGE=$(mktemp -d "$TARGET/${STAGING_PREFIX}XXXXXX")
WORK=$STAGE/work
TREE=$STAGE/tree
mkdir -- "$WORK" "$TREE" "$WORK/ca-db" "$WORK/kubeconfigs"
cp -R -- "$SCRIPT_DIR/openssl" "$WORK/openssl"
: >"$WORK/ca-db/index.txt"
if [ "$VERBOSE" = 1 ]; then
  exec 3>&1
else
  exec 3>/dev/null 2>>"$STAGE/openssl.log"   # openssl's messages: shown above if a step fails
fi
# From here on the commands use short names (ca.key, apiserver@cp-1.csr) inside the work folder.
cd -- "$WORK"`;

export const INSTALL = bash`# Two passes over the tree. First, every file that already exists with other content: a CA stops the run
# (kubepki never overwrites one); anything else needs KUBEPKI_FORCE=1. Nothing has been moved yet.
conflicts=0
for entry in "\${TREE_FILES[@]}"; do
  kind=\${entry%%:*}; rest=\${entry#*:}; f=\${rest#*:}
  if [ -L "$TARGET/$f" ]; then die "$f is a symbolic link: move it away"; fi
  if [ -e "$TARGET/$f" ] && ! cmp -s "$TREE/$f" "$TARGET/$f"; then
    case $kind in
      ca) die "$f exists with other content: kubepki never overwrites a CA; move it away" ;;
      readme) ;;
      *) if [ "$FORCE" != 1 ]; then printf '  %s\n' "$f" >&4; conflicts=$((conflicts + 1)); fi ;;
    esac
  fi
done
if [ "$conflicts" -gt 0 ]; then
  die "$conflicts file(s) above already exist with other content: set KUBEPKI_FORCE=1 to replace them (CAs are never replaced), or choose another TARGET"
fi

# Second pass: move each new or changed file into place (a rename inside one file system: each file is
# old or new, never half-written); files already identical are only given their mode.
written=0
for entry in "\${TREE_FILES[@]}"; do
  rest=\${entry#*:}; mode=\${rest%%:*}; f=\${rest#*:}
  if [ -e "$TARGET/$f" ] && cmp -s "$TREE/$f" "$TARGET/$f"; then
    chmod "$mode" "$TARGET/$f"
    continue
  fi
  make_dirs "$(dirname -- "$f")"
  mv -f -- "$TREE/$f" "$TARGET/$f"
  written=$((written + 1))
done
progress "written $written"
say "Done: $written file(s) written to $TARGET, \${#TREE_FILES[@]} in the tree. Read $TARGET/README.md for what goes where."`;
