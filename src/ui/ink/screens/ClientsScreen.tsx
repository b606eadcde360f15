// Step 5: the components' fixed client identities (CN and O, and why), then the people you add.

import {Box, Text} from 'ink';
import {stepPreview} from '../../preview.js';
import {currentStep, effectiveAnswers, focusOf, type WizardState} from '../../wizard-state.js';
import {ListBody, listBodyLines, type ListBodyProps} from '../components/ListBody.js';
import {StepFrame} from '../components/StepFrame.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {cut} from '../layout.js';
import {theme, WIDE} from '../theme.js';

/** The components that log in to the API server, with the identity kubeadm gives each. */
export function componentRows(nodeCount: number): [string, string, string][] {
  return [
    ['admin', 'CN=kubernetes-admin O=kubeadm:cluster-admins', 'RBAC binding: revocable'],
    ['super-admin', 'CN=kubernetes-super-admin O=system:masters', 'bypasses RBAC, cannot be revoked'],
    ['scheduler', 'CN=system:kube-scheduler', 'RBAC binds the user name'],
    ['controller-mgr', 'CN=system:kube-controller-manager', 'RBAC binds the user name'],
    ['kube-proxy', 'CN=system:kube-proxy', 'bound to system:node-proxier'],
    [`kubelet ×${nodeCount}`, 'CN=system:node:NODE O=system:nodes', 'the Node authorizer needs both'],
  ];
}

export function ClientsScreen({s, size, rows}: {s: WizardState; size: Size; rows: number}) {
  const step = currentStep(s);
  const width = size.columns >= WIDE ? size.columns - Math.min(44, Math.floor(size.columns * 0.38)) - 2 : size.columns;
  const components = componentRows(s.answers.plan.nodes.length);
  const props: ListBodyProps = {
    list: step.list!, answers: s.answers, cursor: s.cursor, ...(s.edit ? {edit: s.edit} : {}), width,
    empty: 'nobody yet: a adds a person, e.g. john in developers', maxRows: s.edit ? 2 : 4,
  };
  const showComponents = !s.edit;
  const masters = s.answers.plan.users.filter((u) => u.groups.includes('system:masters')).map((u) => u.name);
  const body = (
    <Box flexDirection="column">
      {showComponents ? (
        <>
          <Text bold>Components</Text>
          {components.map(([who, subject, why]) => (
            <Text key={who}>{cut(`  ${who.padEnd(15)} ${subject}${width >= 90 ? `  ${why}` : ''}`, width)}</Text>
          ))}
        </>
      ) : null}
      <Text bold>People <Text dimColor>(CN = user, each O = a group)</Text></Text>
      <ListBody {...props} />
      {masters.length ? (
        <Text color={theme.warning}>{cut(`! ${masters.join(', ')} in system:masters: bypasses RBAC, cannot be revoked`, width)}</Text>
      ) : null}
    </Box>
  );
  const lines = (showComponents ? components.length + 1 : 0) + 1 + listBodyLines(props)
    + (masters.length ? 1 : 0);
  return <StepFrame s={s} size={size} rows={rows} bodyLines={lines} body={body} preview={stepPreview(step, effectiveAnswers(s), focusOf(s))} />;
}
