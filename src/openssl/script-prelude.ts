// The fixed parts of generate-pki.sh: safety settings, helper functions, preflight (openssl version, target,
// lock, staging) and the final install. No plan value appears here; emit.ts adds the per-plan steps around it.

import {FILE_WORDS, GENERATED_MARK} from '../pki/conformance.js';
import {LOCK_BREAKER, LOCK_FILE, STAGING_PREFIX} from '../pki/layout.js';
import {dq, shq} from './shell.js';

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
DIED=0
die() { DIED=1; printf 'generate-pki.sh: %s\n' "$*" >&4; exit 1; }
PROGRESS=\${KUBEPKI_PROGRESS:-0}
FORCE=\${KUBEPKI_FORCE:-0}
VERBOSE=\${KUBEPKI_VERBOSE:-0}
say() { if [ "$PROGRESS" != 1 ]; then printf '%s\n' "$*"; fi; }
progress() { if [ "$PROGRESS" = 1 ]; then printf '${PROGRESS_PREFIX} %s\n' "$*"; fi; }

# report_cert ID PATH created|reused|kept|reissued (MADE lists what this run made, so its files may replace old ones)
report_cert() {
  progress "cert $1 $2 $3"
  case $3 in
    created) MADE="$MADE$1 "; say "  created $1  ($2)" ;;
    reissued) MADE="$MADE$1 "; say "  re-issued $1  ($2)" ;;
    kept) say "  kept    $1  ($2 matches the plan)" ;;
    *) say "  reused  $1  ($2 exists)" ;;
  esac
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

# place WORK-FILE TREE-PATH MODE: stage a file at its place in the tree, with its final mode set explicitly
# (a mode at creation would be narrowed or widened by the umask).
place() {
  mkdir -p -- "$TREE/$(dirname -- "$2")"
  cp -- "$1" "$TREE/$2"
  chmod "$3" "$TREE/$2"
}

# make_folder PATH MODE: create PATH below the target if it is missing, with MODE exactly; an existing folder is
# left as it is (kubepki never changes a folder it did not make). A symbolic link in the way stops the run.
make_folder() {
  local cur=$TARGET/$1
  if [ -L "$cur" ]; then die "$cur is a symbolic link: move it away"; fi
  if [ -e "$cur" ] && [ ! -d "$cur" ]; then die "$cur is not a folder: move it away"; fi
  if [ ! -d "$cur" ]; then mkdir -m "$2" -- "$cur" || die "cannot create $cur"; fi
}`;

/** The lock functions (take_lock, unlink_if_ours), used after TARGET, LOCK, BREAKER and TOKEN are set. */
export const LOCK_FUNCTIONS = bash`# One run at a time per target, with the lock kubepki itself uses: a file holding "PID TOKEN". Taking it is one
# atomic step (ln of a file already holding our token: ln fails if the lock exists), and the lock of a run that
# died is cleared only by whoever holds the breaker file, so two runs can never both take it over.
# (kubepki generate --mode openssl takes the lock itself and passes its content in KUBEPKI_LOCK_HOLDER.)
alive() {
  kill -0 "$1" 2>/dev/null && return 0
  case $(kill -0 "$1" 2>&1) in *ermitted*) return 0 ;; esac   # another user's process: alive
  return 1
}
holder_of() {
  if [ -L "$1" ]; then die "$1 is a symbolic link: remove it (kubepki never follows a link at its lock)"; fi
  if [ -e "$1" ] && [ ! -f "$1" ]; then die "$1 is not a regular file: remove it"; fi
  # The lock may vanish between the test and the read (its holder finished): that reads as no holder.
  if [ -f "$1" ]; then { head -c 256 -- "$1" 2>/dev/null || true; } | head -n 1; fi
}
pid_of() {
  local pid=\${1%% *}
  case $pid in '' | *[!0-9]*) printf 0 ;; *) printf '%s' "$pid" ;; esac
}
link_new() {
  local tmp
  if [ -e "$1" ] || [ -L "$1" ]; then return 1; fi
  tmp=$(mktemp "$1.tmp.XXXXXX") || die "cannot write in $TARGET"
  printf '%s\n' "$TOKEN" >|"$tmp"
  if ln -- "$tmp" "$1" 2>/dev/null; then rm -f -- "$tmp"; return 0; fi
  rm -f -- "$tmp"
  return 1
}
unlink_if_ours() {
  if [ "$(holder_of "$1" 2>/dev/null || true)" = "$TOKEN" ]; then rm -f -- "$1"; fi
}
held_by() {
  die "another kubepki run (pid $1) holds the lock on this folder: wait for it to finish; the lock is $LOCK"
}
take_lock() {
  local holder pid
  if [ -n "\${KUBEPKI_LOCK_HOLDER:-}" ] && [ "$(holder_of "$LOCK")" = "$KUBEPKI_LOCK_HOLDER" ]; then return 0; fi
  TOKEN="$$ $(openssl rand -hex 12)"
  for _ in 1 2 3 4; do
    if link_new "$LOCK"; then break; fi
    holder=$(holder_of "$LOCK"); pid=$(pid_of "$holder")
    [ -n "$holder" ] || continue
    if [ "$pid" -gt 0 ] && alive "$pid"; then held_by "$pid"; fi
    # A dead run's lock: only the holder of the breaker may clear it.
    if ! link_new "$BREAKER"; then
      holder=$(holder_of "$BREAKER"); pid=$(pid_of "$holder")
      [ -n "$holder" ] || continue
      if [ "$pid" -gt 0 ] && alive "$pid"; then held_by "$pid"; fi
      if [ -z "$(find "$BREAKER" -prune -mmin +1 2>/dev/null)" ]; then die "a dead run's lock on this folder is being cleared: run again in a minute"; fi
      rm -f -- "$BREAKER"
      continue
    fi
    holder=$(holder_of "$LOCK"); pid=$(pid_of "$holder")
    if [ -n "$holder" ] && ! { [ "$pid" -gt 0 ] && alive "$pid"; }; then rm -f -- "$LOCK"; fi
    if link_new "$LOCK"; then unlink_if_ours "$BREAKER"; break; fi
    unlink_if_ours "$BREAKER"
  done
  # Ours only if our token is what the lock holds.
  [ "$(holder_of "$LOCK")" = "$TOKEN" ] || die "cannot take the lock $LOCK: another run took it; run again"
  OWN_LOCK=1
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

# check_target PATH: every existing folder on the way that PATH names must be a real folder. A symbolic link
# could have been planted to send the keys elsewhere; only one directly under / (an administrator's, such as
# macOS's /tmp) is followed. A relative PATH is checked from the current folder down.
check_target() {
  local cur part rest
  case $1 in
    /*) cur=''; rest=\${1#/} ;;
    *) cur=$(pwd -P); rest=$1 ;;
  esac
  while [ -n "$rest" ]; do
    part=\${rest%%/*}
    if [ "$part" = "$rest" ]; then rest=''; else rest=\${rest#*/}; fi
    case $part in '' | .) continue ;; esac
    cur=$cur/$part
    if [ -L "$cur" ]; then
      case $1 in /*) if [ "$cur" = "/$part" ]; then continue; fi ;; esac
      die "TARGET: $cur is a symbolic link: kubepki never writes through a link someone could have planted; name the real folder"
    fi
    [ -e "$cur" ] || return 0
    [ -d "$cur" ] || die "TARGET: $cur is not a folder"
  done
}
check_target "$TARGET"
mkdir -p -- "$TARGET" || die "cannot create $TARGET"
TARGET=$(cd -- "$TARGET" && pwd -P)
if [ "$TARGET" = / ]; then die "TARGET is the root of the file system: kubepki writes a tree of its own; name a folder for it, such as ./pki"; fi

# Everything is built in a staging folder inside the target and moved into place at the end, so an
# interrupted run leaves no half-written file. The trap removes the staging folder (keys, requests, the
# signing database) and our lock whatever happens; after a command failed (not a refusal of ours), it shows
# the last lines that command printed.
STAGE=''
OWN_LOCK=0
TOKEN=''
LOCK=$TARGET/${LOCK_FILE}
BREAKER=$TARGET/${LOCK_BREAKER}
cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ] && [ "$DIED" != 1 ] && [ -n "$STAGE" ] && [ -s "$STAGE/openssl.log" ]; then
    printf 'generate-pki.sh: the failing command said:\n' >&4
    tail -n 15 "$STAGE/openssl.log" >&4 || true
  fi
  if [ -n "$STAGE" ]; then rm -rf -- "$STAGE"; fi
  if [ "$OWN_LOCK" = 1 ]; then unlink_if_ours "$LOCK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'printf "generate-pki.sh: failed at line %s (exit %s)\n" "$LINENO" "$?" >&4' ERR

take_lock

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

export const INSTALL = bash`# kubeconfig_keys EXPECTED ACTUAL: the keys (server, user, client-certificate-data…) whose lines differ.
kubeconfig_keys() {
  local a b more_a=1 more_b=1 key keys=''
  exec 5<"$1" 6<"$2"
  while :; do
    a=''; b=''
    IFS= read -r a <&5 || more_a=0
    IFS= read -r b <&6 || more_b=0
    if [ "$more_a" = 0 ] && [ "$more_b" = 0 ]; then break; fi
    [ "$a" = "$b" ] && continue
    key=\${a:-$b}; key=\${key#"\${key%%[!- ]*}"}; key=\${key%%:*}
    case ", $keys, " in *", $key, "*) ;; *) keys=\${keys:+$keys, }$key ;; esac
  done
  exec 5<&- 6<&-
  printf '%s' "$keys"
}

# Two passes over the tree. First, every file that already exists with other content: a CA or sa.key stops the
# run (kubepki never replaces one; they were checked above, this is the last guard). A certificate's files and its
# kubeconfigs may be replaced when this run made that certificate (new, or re-issued); the README and installers
# when kubepki wrote them; anything else needs KUBEPKI_FORCE=1. An sa.pub holding the kept sa.key's public key
# stays as it is. Nothing has been moved yet.
conflicts=0
for entry in "\${TREE_FILES[@]}"; do
  kind=\${entry%%:*}; rest=\${entry#*:}; f=\${rest#*:}
  existing_file "$f"
  if [ -e "$TARGET/$f" ] && ! cmp -s "$TREE/$f" "$TARGET/$f"; then
    why=${dq(FILE_WORDS.other, {})}
    case $kind in
      ca) die "$f exists with other content: kubepki never replaces a CA; move it away" ;;
      sa) die "$f exists with other content: kubepki never replaces sa.key; move it away" ;;
      sa-pub) if [ "$SA_REUSED" = 1 ]; then continue; fi ;;
      of=* | kc=*)
        case $MADE in *" \${kind#*=} "*) continue ;; esac
        if [ "\${kind%%=*}" = kc ]; then keys=$(kubeconfig_keys "$TREE/$f" "$TARGET/$f"); why=${dq(FILE_WORDS.kubeconfig, {keys: '${keys}'})}; fi ;;
      doc)
        if head -c ${String(GENERATED_MARK.within)} -- "$TARGET/$f" | grep -qi -e ${shq(GENERATED_MARK.text)}; then continue; fi
        why=${dq(FILE_WORDS.notOurs, {})} ;;
    esac
    if [ "$FORCE" != 1 ]; then printf '  %s: %s\n' "$f" "$why" >&4; conflicts=$((conflicts + 1)); fi
  fi
done
if [ "$conflicts" -gt 0 ]; then
  die "$conflicts file(s) above already exist with other content: set KUBEPKI_FORCE=1 to replace them (CAs and sa.key are never replaced), or choose another TARGET"
fi

# The folders, parents first, each with the layout's mode (0755 where they mirror a node, 0700 for people):
# created only when missing, never changed when they exist.
for entry in "\${TREE_FOLDERS[@]}"; do
  make_folder "\${entry#*:}" "\${entry%%:*}"
done

# Second pass: move each new or changed file into place (a rename inside one file system: each file is
# old or new, never half-written); files already identical are left untouched.
written=0
for entry in "\${TREE_FILES[@]}"; do
  kind=\${entry%%:*}; rest=\${entry#*:}; f=\${rest#*:}
  if [ -e "$TARGET/$f" ]; then
    if cmp -s "$TREE/$f" "$TARGET/$f"; then continue; fi
    if [ "$kind" = sa-pub ] && [ "$SA_REUSED" = 1 ]; then continue; fi
  fi
  mv -f -- "$TREE/$f" "$TARGET/$f"
  written=$((written + 1))
done
progress "written $written"
say "Done: $written file(s) written to $TARGET, \${#TREE_FILES[@]} in the tree. Read $TARGET/README.md for what goes where."`;
