// Which lessons explain which wizard step: the first gives the step's "why", the rest the background.

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
