// A list step: the editor for its list, with what each list shows around its items.

import type {ComponentType} from 'react';
import type {ListSpec} from '../../fields.js';
import type {WizardState} from '../../wizard-state.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {ClientsScreen} from './ClientsScreen.js';
import {NodesScreen} from './NodesScreen.js';
import {ServersScreen} from './ServersScreen.js';

type ListScreen = ComponentType<{s: WizardState; size: Size; rows: number; list: ListSpec}>;

const LIST_SCREENS: Record<ListSpec['id'], ListScreen> = {nodes: NodesScreen, users: ClientsScreen, sans: ServersScreen};

export function ListStepScreen(props: {s: WizardState; size: Size; rows: number; list: ListSpec}) {
  const Screen = LIST_SCREENS[props.list.id];
  return <Screen {...props} />;
}
