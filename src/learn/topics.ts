// Which lessons explain which wizard step and which kind of certificate. A kind's explanation starts from
// its catalog `about` line (the single truth), followed by the lesson that gives the background.

import {ALL_KINDS, SA_KEY_PAIR, kindById} from '../pki/catalog.js';
import {lessonById, type Lesson} from './lessons.js';

export type LessonStep = 'basics' | 'cluster' | 'nodes' | 'authorities' | 'clients' | 'servers' | 'review' | 'output';

/** The lessons behind each step, the first one being the step's "why". */
export const STEP_LESSONS: Record<LessonStep, string[]> = {
  basics: ['key-pairs', 'files', 'terms'],
  cluster: ['apiserver-sans', 'tls-in-kubernetes'],
  nodes: ['kubelet-naming', 'kubelet-serving', 'etcd'],
  authorities: ['ca', 'terms'],
  clients: ['client-certs', 'identity', 'system-masters', 'kubelet-naming'],
  servers: ['server-certs', 'apiserver-sans', 'etcd', 'kubelet-serving'],
  review: ['inspect', 'files'],
  output: ['files', 'inspect'],
};

export function stepLessons(step: LessonStep): Lesson[] {
  return STEP_LESSONS[step].map(lessonById);
}

const KIND_LESSON: Record<string, string> = {
  ca: 'ca', 'etcd-ca': 'ca', 'front-proxy-ca': 'ca',
  admin: 'identity', 'super-admin': 'system-masters', 'controller-manager': 'client-certs', scheduler: 'client-certs',
  'kube-proxy': 'client-certs', 'kubelet-client': 'kubelet-naming', 'apiserver-kubelet-client': 'client-certs',
  'apiserver-etcd-client': 'etcd', 'etcd-healthcheck-client': 'etcd', 'front-proxy-client': 'ca', user: 'identity',
  apiserver: 'apiserver-sans', 'etcd-server': 'etcd', 'etcd-peer': 'etcd', 'kubelet-serving': 'kubelet-serving',
};

export interface KindLesson {
  kind: string;
  about: string;
  lesson: Lesson;
  flags: string[];
}

/** What a kind of certificate is for (catalog), which flags read it, and the lesson behind it. */
export function kindLesson(kind: string): KindLesson {
  if (kind === 'sa') return {kind, about: SA_KEY_PAIR.about, lesson: lessonById('key-pairs'), flags: SA_KEY_PAIR.flags};
  const k = kindById(kind);
  return {kind, about: k.about, lesson: lessonById(KIND_LESSON[kind] ?? 'tls-in-kubernetes'), flags: k.flags};
}

export const KIND_IDS: string[] = ALL_KINDS.map((k) => k.id);
