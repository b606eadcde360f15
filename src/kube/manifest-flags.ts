// Reading a static pod manifest's flags back: each container's command and args as flag → value. The one reader
// check, inspect, the practice bank and the labs share, so `--flag=value`, `--flag value` and a bare switch mean
// the same to all of them.

import {parse as parseYaml} from 'yaml';

/** One container of a manifest: its name, its program (the command's first word) and its flags. */
export interface ContainerFlags {
  name?: string;
  program?: string;
  flags: Map<string, string>;
}

export type ManifestFlags = {ok: true; containers: ContainerFlags[]} | {ok: false; reason: string};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
/** YAML scalars as the words a container runtime passes (`- 6443` is the word "6443"). */
const words = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => x !== null && typeof x !== 'object').map(String) : []);

/** `--name=value` and `--name value`; a bare `--flag` (next word another flag, or none) is `true`. */
export function flagsOf(args: readonly unknown[]): Map<string, string> {
  const flags = new Map<string, string>();
  const argv = args.map(String);
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    if (!w.startsWith('--')) continue;
    const eq = w.indexOf('=');
    if (eq > 0) flags.set(w.slice(0, eq), w.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(w, argv[++i]!);
    else flags.set(w, 'true');
  }
  return flags;
}

/** The containers of a parsed Pod, command and args read together as the runtime joins them. */
export function containerFlags(doc: unknown): ContainerFlags[] {
  const containers = obj(obj(doc).spec).containers;
  return (Array.isArray(containers) ? containers : []).map(obj).map((c) => {
    const command = words(c.command);
    const program = command[0]?.split('/').pop();
    return {...(typeof c.name === 'string' ? {name: c.name} : {}), ...(program ? {program} : {}), flags: flagsOf([...command, ...words(c.args)])};
  });
}

/** A manifest's text read once: every container's flags, or why it cannot be read. */
export function readManifestFlags(text: string): ManifestFlags {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    return {ok: false, reason: `the manifest is not valid YAML: ${(error as Error).message.split('\n')[0]}`};
  }
  const containers = containerFlags(doc);
  const first = containers[0];
  if (!first || (!first.program && first.flags.size === 0)) {
    return {ok: false, reason: 'the manifest has no spec.containers[0].command list'};
  }
  return {ok: true, containers};
}

/** One flag of a manifest's first container (the component itself), when the text reads and has it. */
export function manifestFlag(text: string, flag: string): string | undefined {
  const read = readManifestFlags(text);
  return read.ok ? read.containers[0]!.flags.get(flag) : undefined;
}
