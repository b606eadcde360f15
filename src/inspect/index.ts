// The reading layer's public face for `check`, the map and the wizard: read paths into a report, walk it, guess
// roles, render it. Everything else in src/inspect is how.

export {inspectPaths, MAX_FILES, type InspectOptions} from './inspect.js';
export {treeContents, visitReport, forEachCertificate, forEachKey, type TreeContents, type Visitors} from './walk-report.js';
export {guessRole, roleWords, type RoleInput} from './role.js';
export {summariseCertificate, opensslCommands, shortDuration, type OpensslSource} from './certificate.js';
export {resolveNodePath} from './node-paths.js';
export {parseEndpoint, inspectEndpoint, coversName} from './endpoint.js';
export {shortPath} from './manifest.js';
export {reportText} from './text.js';
export type * from './report.js';
