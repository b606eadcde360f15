// Step 6: the API server's SANs computed from the answers, each with its reason, plus extra SANs to
// add or remove; then the per-node etcd and kubelet serving certificates.

import {Box, Text} from 'ink';
import {modelOf} from '../../model.js';
import type {ListSpec} from '../../fields.js';
import {stepPreview} from '../../preview.js';
import {currentStep, effectiveAnswers, focusOf, type WizardState} from '../../wizard-state.js';
import {ListBody, listBodyLines, type ListBodyProps} from '../components/ListBody.js';
import {StepFrame} from '../components/StepFrame.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {cut} from '../layout.js';
import {WIDE} from '../theme.js';

export function ServersScreen({s, size, rows, list}: {s: WizardState; size: Size; rows: number; list: ListSpec}) {
  const step = currentStep(s);
  const width = size.columns >= WIDE ? size.columns - Math.min(44, Math.floor(size.columns * 0.38)) - 2 : size.columns;
  const answers = effectiveAnswers(s);
  const model = modelOf(answers) ?? modelOf(s.answers);
  const plan = model?.plan;
  const cps = plan?.nodes.filter((n) => n.role === 'control-plane') ?? [];
  const api = model?.certs.find((c) => c.kind === 'apiserver');
  const extras = new Set(plan?.apiServer.certSANs ?? []);
  const computed = api ? [...api.sans.dns.map((v) => ['DNS', v] as const), ...api.sans.ips.map((v) => ['IP', v] as const)].filter(([, v]) => !extras.has(v) || api.sanReasons[v] !== 'listed in apiServer.certSANs') : [];
  const sanWidth = Math.max(0, ...computed.map(([, v]) => v.length)) + 5;
  const props: ListBodyProps = {
    list, answers: s.answers, cursor: s.cursor, ...(s.edit ? {edit: s.edit} : {}), width,
    empty: 'none: a adds one (a load balancer name, a VIP)', maxRows: 3,
  };
  const workers = plan?.nodes.length ?? 0;
  // While an extra SAN is edited the computed list steps aside, so the form fits 24 rows.
  const showComputed = !s.edit;
  const multi = cps.length > 1;
  const body = (
    <Box flexDirection="column">
      {showComputed && multi ? <Text bold>{cut(`kube-apiserver on ${cps[0]!.name} (the others: their own name and address)`, width)}</Text> : null}
      {showComputed ? computed.map(([kind, v]) => (
        <Text key={v}>{cut(`  ${`${kind} ${v}`.padEnd(sanWidth)} ${api!.sanReasons[v] ?? ''}`, width)}</Text>
      )) : null}
      <Text bold>Extra SANs <Text dimColor>(apiServer.certSANs)</Text></Text>
      <ListBody {...props} />
      <Text>{cut(`Also: etcd server+peer ×${cps.length} (name, localhost, IPs, ::1) · kubelet serving ×${workers} (name, IP)`, width)}</Text>
    </Box>
  );
  const lines = (showComputed ? (multi ? 1 : 0) + computed.length : 0) + 1 + listBodyLines(props) + 1;
  return <StepFrame s={s} size={size} rows={rows} bodyLines={lines} body={body} preview={stepPreview(step, answers, focusOf(s))} />;
}
