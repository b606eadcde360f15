// Step 5: the components' fixed client identities (CN and O, and why), then the people you add.

import {Box, Text} from 'ink';
import {LEAF_KINDS} from '../../../pki/catalog.js';
import type {Answers} from '../../answers.js';
import {modelOf} from '../../model.js';
import type {ListSpec} from '../../fields.js';
import {stepPreview} from '../../preview.js';
import {currentStep, effectiveAnswers, focusOf, type WizardState} from '../../wizard-state.js';
import {ListBody, listBodyLines, type ListBodyProps} from '../components/ListBody.js';
import {StepFrame} from '../components/StepFrame.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {cut} from '../layout.js';
import {theme, WIDE} from '../theme.js';

/** The components that log in to the API server, with the identity the catalog gives each (one row per kind). */
export function componentRows(answers: Answers): [string, string, string][] {
  const model = modelOf(answers);
  if (!model) return [];
  return LEAF_KINDS.filter((k) => k.identity).map((kind) => {
    const specs = model.certs.filter((c) => c.kind === kind.id);
    const first = specs[0]!;
    // Per-node names read better as NODE than as the first node's name.
    const cn = kind.scope === 'every-node' ? first.subject.cn.replace(`:${first.node}`, ':NODE') : first.subject.cn;
    const subject = [`CN=${cn}`, ...first.subject.o.map((o) => `O=${o}`)].join(' ');
    return [`${kind.id}${specs.length > 1 ? ` ×${specs.length}` : ''}`, subject, kind.identity!];
  });
}

export function ClientsScreen({s, size, rows, list}: {s: WizardState; size: Size; rows: number; list: ListSpec}) {
  const step = currentStep(s);
  const width = size.columns >= WIDE ? size.columns - Math.min(44, Math.floor(size.columns * 0.38)) - 2 : size.columns;
  const components = componentRows(s.answers);
  const props: ListBodyProps = {
    list, answers: s.answers, cursor: s.cursor, ...(s.edit ? {edit: s.edit} : {}), width,
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
            <Text key={who}>{cut(`  ${who.padEnd(20)} ${subject}${width >= 90 ? `  ${why}` : ''}`, width)}</Text>
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
