// The kubectl model as data: commands the CKA uses, their flags and positional
// arguments, subcommand aliases, and the built-in resource types.
//
// Describes kubectl v1.37 as built from kubernetes/kubectl@dee3483 (tag line
// v0.37.0-beta.0, July 2026): the cobra definitions in pkg/cmd/** (flag names,
// shorthands, types, defaults, NoOptDefVal, Aliases, Use lines), the global
// flags of cli-runtime's ConfigFlags, and the resource-type table of
// https://kubernetes.io/docs/reference/kubectl/#resource-types (v1.35; no
// short name changed since). Everything the CKA needs is unchanged since v1.35
// except `explain -R` (new in v1.36). Pure data, no logic beyond the spec reader.

/**
 * How a flag's values are read (pflag's value types):
 * - `b` bool: no value needed (NoOptDefVal "true"); `--f=false` etc. parse as Go's ParseBool;
 * - `s` string, `i` integer, `d` duration: one value, the last occurrence wins;
 * - `ss` string slice: repeatable AND comma-separated (`--verb=get,list` = `--verb=get --verb=list`);
 * - `sa` string array: repeatable, never split on commas;
 * - `m` string-to-string map: `k=v,k2=v2`, repeatable, order-free.
 */
export type FlagType = 'b' | 's' | 'i' | 'd' | 'ss' | 'sa' | 'm';

/**
 * How a value is compared, beyond exact text. Each is kubectl's own reading:
 * - `path`: a local file path (`./a.yaml` = `a.yaml`, `dir/` = `dir`);
 * - `fromFile`: `[key=]path`, the key defaulting to the file's base name;
 * - `resource`: `TYPE/NAME`, the type spelled any way kubectl accepts;
 * - `rtype`: a resource type (`--resource=po` in `create role` is `pods`);
 * - `selector`: a label/field selector (`==` is `=`, requirements in any order);
 * - `jsonpath`: a relaxed JSONPath (`metadata.name` = `.metadata.name` = `{.metadata.name}`);
 * - `list`: a comma list of `k=v` items whose order does not matter (`--labels`, `--limits`);
 * - `dryRun`, `validate`: enumerations with boolean synonyms (`--dry-run=true` is `client`);
 * - `json`: JSON that kubectl decodes and re-encodes (`--patch`, `--overrides`): blanks and
 *   key order do not matter;
 * - `output`: an output format; in `custom-columns=HEADER:PATH,…` each PATH is relaxed like
 *   `jsonpath` (`NAME:metadata.name` = `NAME:.metadata.name`).
 */
export type ValueKind =
  | 'path'
  | 'fromFile'
  | 'resource'
  | 'rtype'
  | 'selector'
  | 'jsonpath'
  | 'list'
  | 'dryRun'
  | 'validate'
  | 'json'
  | 'output';

export interface FlagDef {
  readonly name: string;
  readonly short: string | null;
  readonly type: FlagType;
  /** The default value as kubectl prints it; giving it is the same as leaving the flag out. */
  readonly def: string | null;
  /** The value of a bare `--flag` (pflag's NoOptDefVal); bools have "true". */
  readonly noOpt: string | null;
  readonly kind: ValueKind | null;
  /** Repeated values form a set (the order of `--from-literal`s does not matter). */
  readonly unordered: boolean;
  /** The default holds only while this other flag is absent (`logs --tail` with `-l`). */
  readonly defaultUnless: string | null;
}

/**
 * How a command reads its positional arguments (from its Use line and code):
 * - `none`: no arguments (`apply`, `create -f`); `group`: only subcommands;
 * - `words`: words compared in order;
 * - `resources`: `TYPE[,TYPE] [NAME…]` or `TYPE/NAME…` (cli-runtime's ResourceTypeOrNameArgs);
 * - `resourcesPairs`: resources, then `KEY=VAL`/`KEY-` pairs forming a map, in any order
 *   (label, annotate, set image);
 * - `resourcesEnv`: the same, but the pairs keep their order (set env: a list of variables);
 * - `taint`: resources, then taint specs `KEY[=VAL]:EFFECT[-]` (in order: a list of taints);
 * - `name`: exactly one NAME; `nameCommand`: one NAME, then `-- COMMAND [args]`;
 * - `run`: NAME, then the container's arguments (with or without `--`);
 * - `pod`: one `POD` or `TYPE/NAME`; `podCommand`: that, then `-- COMMAND` (exec);
 * - `logs`: `POD|TYPE/NAME [CONTAINER]` (the second word is `-c CONTAINER`);
 * - `portForward`: `POD|TYPE/NAME`, then ports in order;
 * - `canI`: `VERB [TYPE | TYPE/NAME | URL]`; `explain`: `TYPE[.FIELD…]`.
 */
export type ArgSpec =
  | 'none'
  | 'group'
  | 'words'
  | 'resources'
  | 'resourcesPairs'
  | 'resourcesEnv'
  | 'taint'
  | 'name'
  | 'nameCommand'
  | 'run'
  | 'pod'
  | 'podCommand'
  | 'logs'
  | 'portForward'
  | 'canI'
  | 'explain';

export interface CommandDef {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly flags: readonly string[];
  readonly args: ArgSpec;
  readonly sub: readonly CommandDef[];
}

/**
 * Flag spec: `name|x:type`, then optional space-separated `=default`,
 * `?noOptDefault`, `@valueKind`, `~` (unordered) and `!other` (the default
 * holds only without the flag `other`). `x` is the shorthand.
 */
export function readFlag(spec: string): FlagDef {
  const [head, ...rest] = spec.split(' ');
  const [names, type] = head!.split(':') as [string, FlagType];
  const [name, short] = names.split('|');
  let def: string | null = type === 'b' ? 'false' : null;
  let noOpt: string | null = type === 'b' ? 'true' : null;
  let kind: ValueKind | null = null;
  let unordered = type === 'm';
  let defaultUnless: string | null = null;
  for (const r of rest) {
    if (r[0] === '=') def = r.slice(1);
    else if (r[0] === '?') noOpt = r.slice(1);
    else if (r[0] === '@') kind = r.slice(1) as ValueKind;
    else if (r === '~') unordered = true;
    else if (r[0] === '!') defaultUnless = r.slice(1);
  }
  return { name: name!, short: short ?? null, type, def, noOpt, kind, unordered, defaultUnless };
}

// --- Flag groups shared by many commands (cmdutil.Add*Flags, genericclioptions) ---

/** cli-runtime ConfigFlags and the root command's persistent flags: valid anywhere. */
export const GLOBAL_FLAGS: readonly string[] = [
  'as:s',
  'as-group:sa',
  'as-uid:s',
  'as-user-extra:sa',
  'cache-dir:s',
  'certificate-authority:s @path',
  'client-certificate:s @path',
  'client-key:s @path',
  'cluster:s',
  'context:s',
  'disable-compression:b',
  'insecure-skip-tls-verify:b',
  'kubeconfig:s @path',
  'kuberc:s @path',
  'match-server-version:b',
  'namespace|n:s',
  'password:s',
  'profile:s =none',
  'profile-output:s =profile.pprof',
  'request-timeout:s =0',
  'server|s:s',
  'tls-server-name:s',
  'token:s',
  'user:s',
  'username:s',
  'v|v:i =0',
  'vmodule:s',
  'log-flush-frequency:d =5s',
  'warnings-as-errors:b',
  'help|h:b',
];

const PRINT = [
  'output|o:s @output',
  'template:s',
  'show-managed-fields:b',
  'allow-missing-template-keys:b =true',
];
const GET_PRINT = [
  ...PRINT,
  'no-headers:b',
  'show-labels:b',
  'sort-by:s @jsonpath',
  'label-columns|L:ss',
  'show-kind:b',
  'server-print:b =true',
];
const FILE = ['filename|f:ss @path', 'kustomize|k:s @path', 'recursive|R:b'];
const SELECTOR = ['selector|l:s @selector'];
const FIELD_SELECTOR = ['field-selector:s @selector'];
const DRY_RUN = ['dry-run:s =none ?unchanged @dryRun'];
const VALIDATE = ['validate:s =strict ?strict @validate'];
const FIELD_MANAGER = ['field-manager:s'];
const SAVE_CONFIG = ['save-config:b'];
const RECORD = ['record:b'];
const CHUNK = ['chunk-size:i =500'];
/** The flags every `create <resource>` generator has. */
const CREATE = [...PRINT, ...DRY_RUN, ...VALIDATE, ...FIELD_MANAGER, ...SAVE_CONFIG];
const DELETE = [
  ...FILE,
  ...SELECTOR,
  ...FIELD_SELECTOR,
  'all:b',
  'all-namespaces|A:b',
  'force:b',
  'cascade:s =background ?background',
  'now:b',
  'grace-period:i =-1',
  'timeout:d =0s',
  // True when --all is given.
  'ignore-not-found:b !all',
  'wait:b =true',
  'output|o:s',
  'raw:s',
  'interactive|i:b',
];
const POD_TIMEOUT = (def: string) => `pod-running-timeout:d =${def}`;
const FROM_SOURCES = [
  'from-file:ss @fromFile ~',
  'from-literal:sa ~',
  'from-env-file:ss @path ~',
  'append-hash:b',
];
const SUBJECTS = ['user:sa', 'group:sa', 'serviceaccount:sa'];

const cmd = (
  name: string,
  args: ArgSpec,
  flags: readonly string[] = [],
  sub: readonly CommandDef[] = [],
  aliases: readonly string[] = [],
): CommandDef => ({ name, aliases, flags, args, sub });

const ROLLOUT_TARGET = [...FILE, ...SELECTOR];

export const COMMANDS: readonly CommandDef[] = [
  cmd('get', 'resources', [
    ...GET_PRINT,
    'raw:s',
    'watch|w:b',
    'watch-only:b',
    'output-watch-events:b',
    'ignore-not-found:b',
    ...FIELD_SELECTOR,
    'all-namespaces|A:b',
    ...FILE,
    ...CHUNK,
    ...SELECTOR,
    'subresource:s',
  ]),
  cmd('describe', 'resources', [
    ...FILE,
    ...SELECTOR,
    'all-namespaces|A:b',
    'show-events:b =true',
    ...CHUNK,
  ]),
  cmd(
    'create',
    'none',
    [
      ...FILE,
      'edit:b',
      'windows-line-endings:b',
      ...DRY_RUN,
      ...SELECTOR,
      'raw:s',
      ...PRINT,
      ...VALIDATE,
      ...FIELD_MANAGER,
      ...SAVE_CONFIG,
      ...RECORD,
    ],
    [
      cmd(
        'deployment',
        'nameCommand',
        [...CREATE, 'image:ss', 'port:i =-1', 'replicas|r:i =1'],
        [],
        ['deploy'],
      ),
      cmd('configmap', 'name', [...CREATE, ...FROM_SOURCES], [], ['cm']),
      cmd(
        'secret',
        'group',
        [],
        [
          cmd('generic', 'name', [...CREATE, ...FROM_SOURCES, 'type:s']),
          cmd('tls', 'name', [...CREATE, 'cert:s @path', 'key:s @path', 'append-hash:b']),
          cmd('docker-registry', 'name', [
            ...CREATE,
            'docker-username:s',
            'docker-password:s',
            'docker-email:s',
            'docker-server:s =https://index.docker.io/v1/',
            'append-hash:b',
            'from-file:ss @fromFile ~',
          ]),
        ],
      ),
      cmd(
        'service',
        'group',
        [],
        [
          cmd('clusterip', 'name', [...CREATE, 'tcp:ss', 'clusterip:s']),
          cmd('nodeport', 'name', [...CREATE, 'tcp:ss', 'node-port:i =0']),
          cmd('loadbalancer', 'name', [...CREATE, 'tcp:ss']),
          cmd('externalname', 'name', [...CREATE, 'tcp:ss', 'external-name:s']),
        ],
        ['svc'],
      ),
      cmd('serviceaccount', 'name', CREATE, [], ['sa']),
      cmd('namespace', 'name', CREATE, [], ['ns']),
      cmd('job', 'nameCommand', [...CREATE, 'image:s', 'from:s @resource']),
      cmd(
        'cronjob',
        'nameCommand',
        // An empty --restart becomes OnFailure (create_cronjob.go Complete).
        [...CREATE, 'image:s', 'schedule:s', 'restart:s =OnFailure'],
        [],
        ['cj'],
      ),
      cmd('role', 'name', [...CREATE, 'verb:ss', 'resource:ss @rtype', 'resource-name:sa']),
      cmd('clusterrole', 'name', [
        ...CREATE,
        'verb:ss',
        'resource:ss @rtype',
        'resource-name:sa',
        'non-resource-url:ss',
        'aggregation-rule:m',
      ]),
      cmd('rolebinding', 'name', [...CREATE, 'clusterrole:s', 'role:s', ...SUBJECTS]),
      cmd('clusterrolebinding', 'name', [...CREATE, 'clusterrole:s', ...SUBJECTS]),
      cmd(
        'ingress',
        'name',
        [...CREATE, 'class:s', 'rule:sa', 'default-backend:s', 'annotation:sa'],
        [],
        ['ing'],
      ),
      cmd(
        'poddisruptionbudget',
        'name',
        [...CREATE, 'min-available:s', 'max-unavailable:s', 'selector:s @selector'],
        [],
        ['pdb'],
      ),
      cmd(
        'priorityclass',
        'name',
        [
          ...CREATE,
          'value:i =0',
          'global-default:b',
          'description:s',
          'preemption-policy:s =PreemptLowerPriority',
        ],
        [],
        ['pc'],
      ),
      cmd('quota', 'name', [...CREATE, 'hard:s @list', 'scopes:s @list'], [], ['resourcequota']),
      cmd('token', 'name', [
        ...PRINT,
        'audience:sa',
        'duration:d =0s',
        'bound-object-kind:s',
        'bound-object-name:s',
        'bound-object-uid:s',
      ]),
    ],
  ),
  cmd('run', 'run', [
    ...FILE,
    'force:b',
    'grace-period:i =-1',
    'timeout:d =0s',
    'wait:b',
    ...PRINT,
    ...RECORD,
    ...DRY_RUN,
    'annotations:sa',
    'image:s',
    'image-pull-policy:s',
    'rm:b',
    'env:sa',
    'port:s',
    'labels|l:s @list',
    'stdin|i:b',
    'tty|t:b',
    // True when --stdin is given.
    'attach:b !stdin',
    'leave-stdin-open:b',
    'restart:s =Always',
    'command:b',
    'expose:b',
    'quiet|q:b',
    'privileged:b',
    'detach-keys:s =ctrl-p,ctrl-q',
    ...FIELD_MANAGER,
    'overrides:s @json',
    'override-type:s =merge',
    ...SAVE_CONFIG,
    POD_TIMEOUT('1m0s'),
  ]),
  cmd('expose', 'resources', [
    ...PRINT,
    ...RECORD,
    'protocol:s',
    'port:s',
    'type:s',
    'load-balancer-ip:s',
    'selector:s @selector',
    'labels|l:s @list',
    'target-port:s',
    'external-ip:s',
    'name:s',
    'session-affinity:s',
    'cluster-ip:s',
    ...FIELD_MANAGER,
    ...DRY_RUN,
    ...SAVE_CONFIG,
    ...FILE,
    'overrides:s @json',
    'override-type:s =merge',
  ]),
  cmd('delete', 'resources', [...DELETE, ...DRY_RUN]),
  cmd(
    'apply',
    'none',
    [
      ...FILE,
      'force:b',
      'grace-period:i =-1',
      'timeout:d =0s',
      'wait:b',
      'cascade:s =background ?background',
      ...RECORD,
      ...PRINT,
      ...VALIDATE,
      ...DRY_RUN,
      'server-side:b',
      'force-conflicts:b',
      ...FIELD_MANAGER,
      ...SELECTOR,
      'overwrite:b =true',
      'openapi-patch:b =true',
      'subresource:s',
      'prune:b',
      'prune-allowlist:sa',
      'all:b',
      'applyset:s',
    ],
    [
      cmd('view-last-applied', 'resources', ['output|o:s =yaml', 'all:b', ...FILE, ...SELECTOR]),
      cmd('set-last-applied', 'none', [
        ...PRINT,
        ...DRY_RUN,
        'create-annotation:b',
        'filename|f:ss @path',
      ]),
      cmd('edit-last-applied', 'resources', [
        ...RECORD,
        ...PRINT,
        ...FILE,
        'windows-line-endings:b',
        ...FIELD_MANAGER,
        ...VALIDATE,
      ]),
    ],
  ),
  cmd('replace', 'none', [
    ...FILE,
    'force:b',
    'grace-period:i =-1',
    'timeout:d =0s',
    'wait:b',
    'cascade:s =background ?background',
    ...VALIDATE,
    ...DRY_RUN,
    ...PRINT,
    'raw:s',
    'subresource:s',
    ...FIELD_MANAGER,
    ...SAVE_CONFIG,
  ]),
  cmd('edit', 'resources', [
    ...RECORD,
    ...PRINT,
    ...FILE,
    ...VALIDATE,
    'output-patch:b',
    'windows-line-endings:b',
    ...FIELD_MANAGER,
    ...SAVE_CONFIG,
    'subresource:s',
  ]),
  cmd('patch', 'resources', [
    ...PRINT,
    ...RECORD,
    'patch|p:s @json',
    'patch-file:s @path',
    'type:s =strategic',
    ...DRY_RUN,
    ...FILE,
    'local:b',
    ...FIELD_MANAGER,
    'subresource:s',
  ]),
  cmd('label', 'resourcesPairs', [
    ...PRINT,
    'overwrite:b',
    'list:b',
    'local:b',
    ...FIELD_SELECTOR,
    'all:b',
    'all-namespaces|A:b',
    'resource-version:s',
    ...FILE,
    ...DRY_RUN,
    ...FIELD_MANAGER,
    ...SELECTOR,
  ]),
  cmd('annotate', 'resourcesPairs', [
    ...PRINT,
    ...RECORD,
    ...FILE,
    ...SELECTOR,
    ...FIELD_SELECTOR,
    'all:b',
    'all-namespaces|A:b',
    'local:b',
    ...DRY_RUN,
    ...FIELD_MANAGER,
    'overwrite:b',
    'list:b',
    'resource-version:s',
  ]),
  cmd('scale', 'resources', [
    ...PRINT,
    ...RECORD,
    'all:b',
    'resource-version:s',
    'current-replicas:i =-1',
    'replicas:i',
    'timeout:d =0s',
    ...FILE,
    ...DRY_RUN,
    ...SELECTOR,
  ]),
  cmd('autoscale', 'resources', [
    ...RECORD,
    ...PRINT,
    'min:i =-1',
    'max:i =-1',
    'cpu-percent:i =-1',
    'cpu:s',
    'memory:s',
    'name:s',
    ...DRY_RUN,
    ...FILE,
    ...SAVE_CONFIG,
    ...FIELD_MANAGER,
  ]),
  cmd(
    'rollout',
    'group',
    [],
    [
      cmd('history', 'resources', [...PRINT, 'revision:i =0', ...ROLLOUT_TARGET]),
      cmd('pause', 'resources', [...PRINT, ...ROLLOUT_TARGET, ...FIELD_MANAGER]),
      cmd('restart', 'resources', [...PRINT, ...ROLLOUT_TARGET, ...FIELD_MANAGER]),
      cmd('resume', 'resources', [...PRINT, ...ROLLOUT_TARGET, ...FIELD_MANAGER]),
      cmd('status', 'resources', [
        ...ROLLOUT_TARGET,
        'watch|w:b =true',
        'revision:i =0',
        'timeout:d =0s',
      ]),
      cmd('undo', 'resources', [...PRINT, 'to-revision:i =0', ...ROLLOUT_TARGET, ...DRY_RUN]),
    ],
  ),
  cmd(
    'set',
    'group',
    [],
    [
      cmd('image', 'resourcesPairs', [
        ...PRINT,
        ...RECORD,
        ...FILE,
        'all:b',
        'local:b',
        ...DRY_RUN,
        ...SELECTOR,
        ...FIELD_MANAGER,
      ]),
      cmd('env', 'resourcesEnv', [
        ...PRINT,
        ...FILE,
        'containers|c:s =*',
        'from:s @resource',
        'prefix:s',
        'env|e:sa',
        'keys:ss',
        'list:b',
        'resolve:b',
        'local:b',
        'all:b',
        'overwrite:b =true',
        ...SELECTOR,
        ...DRY_RUN,
        ...FIELD_MANAGER,
      ]),
      cmd('resources', 'resources', [
        ...PRINT,
        ...RECORD,
        ...FILE,
        'all:b',
        ...SELECTOR,
        'containers|c:s =*',
        'local:b',
        ...DRY_RUN,
        'limits:s @list',
        'requests:s @list',
        ...FIELD_MANAGER,
      ]),
      cmd(
        'serviceaccount',
        'words',
        [...PRINT, ...RECORD, ...FILE, 'all:b', 'local:b', ...DRY_RUN, ...FIELD_MANAGER],
        [],
        ['sa'],
      ),
      cmd('selector', 'words', [
        ...PRINT,
        ...RECORD,
        ...FILE,
        'all:b',
        'local:b',
        'resource-version:s',
        ...DRY_RUN,
        ...FIELD_MANAGER,
      ]),
      cmd('subject', 'resources', [
        ...PRINT,
        ...FILE,
        'all:b',
        ...SELECTOR,
        'local:b',
        ...DRY_RUN,
        ...SUBJECTS,
        ...FIELD_MANAGER,
      ]),
    ],
  ),
  cmd('logs', 'logs', [
    'all-pods:b',
    'all-containers:b',
    'follow|f:b',
    'timestamps:b',
    'limit-bytes:i =0',
    'previous|p:b',
    // -1 without a selector, 10 with one.
    'tail:i =-1 !selector',
    'ignore-errors:b',
    'since-time:s',
    'since:d =0s',
    'container|c:s',
    'insecure-skip-tls-verify-backend:b',
    POD_TIMEOUT('20s'),
    ...SELECTOR,
    'max-log-requests:i =5',
    'prefix:b',
  ]),
  cmd('exec', 'podCommand', [
    POD_TIMEOUT('1m0s'),
    'filename|f:ss @path',
    'container|c:s',
    'stdin|i:b',
    'tty|t:b',
    'quiet|q:b',
  ]),
  cmd('attach', 'pod', [
    POD_TIMEOUT('1m0s'),
    'container|c:s',
    'stdin|i:b',
    'tty|t:b',
    'quiet|q:b',
    'detach-keys:s =ctrl-p,ctrl-q',
  ]),
  cmd('port-forward', 'portForward', [POD_TIMEOUT('1m0s'), 'address:ss =localhost']),
  cmd('cp', 'words', ['container|c:s', 'no-preserve:b', 'retries:i =0']),
  cmd(
    'top',
    'group',
    [],
    [
      cmd(
        'node',
        'words',
        [
          ...SELECTOR,
          'sort-by:s',
          'no-headers:b',
          'use-protocol-buffers:b =true',
          'show-capacity:b',
          'show-swap:b',
        ],
        [],
        ['nodes', 'no'],
      ),
      cmd(
        'pod',
        'words',
        [
          ...SELECTOR,
          ...FIELD_SELECTOR,
          'sort-by:s',
          'containers:b',
          'all-namespaces|A:b',
          'no-headers:b',
          'use-protocol-buffers:b =true',
          'sum:b',
          'show-swap:b',
        ],
        [],
        ['pods', 'po'],
      ),
    ],
  ),
  cmd('cordon', 'words', [...SELECTOR, ...DRY_RUN]),
  cmd('uncordon', 'words', [...SELECTOR, ...DRY_RUN]),
  cmd('drain', 'words', [
    'force:b',
    'ignore-daemonsets:b',
    'delete-emptydir-data:b',
    'grace-period:i =-1',
    'timeout:d =0s',
    'pod-selector:s @selector',
    'disable-eviction:b',
    'skip-wait-for-delete-timeout:i =0',
    ...CHUNK,
    ...DRY_RUN,
    ...SELECTOR,
  ]),
  cmd('taint', 'taint', [
    ...PRINT,
    ...DRY_RUN,
    ...VALIDATE,
    ...SELECTOR,
    'overwrite:b',
    'all:b',
    ...FIELD_MANAGER,
  ]),
  cmd('explain', 'explain', [
    'recursive|R:b',
    'api-version:s',
    'output|o:s =plaintext',
    'max-depth:i =0',
  ]),
  cmd(
    'auth',
    'group',
    [],
    [
      cmd('can-i', 'canI', [
        'all-namespaces|A:b',
        'quiet|q:b',
        'subresource:s',
        'list:b',
        'no-headers:b',
      ]),
      cmd('whoami', 'none', PRINT),
      cmd('reconcile', 'none', [
        ...PRINT,
        ...FILE,
        'remove-extra-permissions:b',
        'remove-extra-subjects:b',
        ...DRY_RUN,
      ]),
    ],
  ),
  cmd(
    'config',
    'group',
    [],
    [
      cmd('view', 'none', [
        ...PRINT.slice(1),
        'output|o:s =yaml',
        'merge:b =true',
        'raw:b',
        'flatten:b',
        'minify:b',
      ]),
      cmd('current-context', 'none'),
      cmd('use-context', 'words', [], [], ['use']),
      cmd('get-contexts', 'words', ['no-headers:b', 'output|o:s']),
      cmd('set-context', 'words', ['current:b', 'cluster:s', 'user:s', 'namespace|n:s']),
      cmd('get-clusters', 'none'),
      cmd('get-users', 'none'),
      cmd('set-cluster', 'words', [
        'server:s',
        'tls-server-name:s',
        'insecure-skip-tls-verify:b',
        'certificate-authority:s @path',
        'embed-certs:b',
        'proxy-url:s',
      ]),
      cmd('set-credentials', 'words', [
        'client-certificate:s @path',
        'client-key:s @path',
        'token:s',
        'username:s',
        'password:s',
        'auth-provider:s',
        'auth-provider-arg:ss',
        'exec-command:s',
        'exec-api-version:s',
        'exec-interactive-mode:s',
        'exec-provide-cluster-info:b',
        'exec-arg:ss',
        'exec-env:sa',
        'embed-certs:b',
      ]),
      cmd('delete-context', 'words'),
      cmd('delete-cluster', 'words'),
      cmd('delete-user', 'words'),
      cmd('rename-context', 'words'),
      cmd('set', 'words', ['set-raw-bytes:b']),
      cmd('unset', 'words'),
    ],
  ),
  cmd('api-resources', 'none', [
    'output|o:s',
    'no-headers:b',
    'api-group:s',
    'namespaced:b =true',
    'verbs:ss',
    'sort-by:s',
    'cached:b',
    'categories:ss',
  ]),
  cmd('api-versions', 'none'),
  cmd(
    'cluster-info',
    'none',
    [],
    [
      cmd('dump', 'none', [
        ...PRINT,
        'output-directory:s',
        'namespaces:ss',
        'all-namespaces|A:b',
        POD_TIMEOUT('20s'),
      ]),
    ],
  ),
  cmd('version', 'none', ['client:b', 'output|o:s']),
  cmd(
    'certificate',
    'group',
    [],
    [
      cmd('approve', 'words', [...PRINT, 'force:b', ...FILE]),
      cmd('deny', 'words', [...PRINT, 'force:b', ...FILE]),
    ],
  ),
  cmd('wait', 'resources', [
    ...PRINT,
    ...FILE,
    ...SELECTOR,
    ...FIELD_SELECTOR,
    'all:b',
    'all-namespaces|A:b',
    'local:b',
    'timeout:d =30s',
    'for:sa',
  ]),
  cmd('diff', 'none', [
    ...FILE,
    'prune:b',
    'prune-allowlist:sa',
    'show-managed-fields:b',
    'show-secrets:b',
    'concurrency:i =1',
    'server-side:b',
    'force-conflicts:b',
    ...FIELD_MANAGER,
    ...SELECTOR,
  ]),
  cmd('events', 'none', [
    ...PRINT,
    'watch|w:b',
    'all-namespaces|A:b',
    'for:s @resource',
    'types:ss',
    'no-headers:b',
    ...CHUNK,
  ]),
  cmd('debug', 'podCommand', [
    'filename|f:ss @path',
    'arguments-only:b',
    'attach:b !stdin',
    'container|c:s',
    'copy-to:s',
    'replace:b',
    'env:m',
    'image:s',
    'keep-labels:b',
    'keep-annotations:b',
    'keep-liveness:b',
    'keep-readiness:b',
    'keep-startup:b',
    'keep-init-containers:b =true',
    'set-image:m',
    'image-pull-policy:s',
    'stdin|i:b',
    'quiet|q:b',
    'same-node:b',
    'share-processes:b =true',
    'target:s',
    'tty|t:b',
    'profile:s =general',
    'custom:s @path',
  ]),
  cmd('proxy', 'none', [
    'www|w:s',
    'www-prefix|P:s =/static/',
    'api-prefix:s =/',
    'accept-paths:s',
    'reject-paths:s',
    'accept-hosts:s',
    'reject-methods:s',
    'port|p:i =8001',
    'address:s =127.0.0.1',
    'disable-filter:b',
    'unix-socket|u:s',
    'keepalive:d =0s',
    'append-server-path:b',
  ]),
];

/**
 * Built-in resource types: `plural[,shortname…] Kind [group]` (core group when
 * absent). kubectl also accepts the singular (the Kind in lower case), and any
 * spelling case-insensitively, and `plural.group` or `plural.version.group`.
 */
export const RESOURCE_TYPES: readonly string[] = [
  'bindings Binding',
  'componentstatuses,cs ComponentStatus',
  'configmaps,cm ConfigMap',
  'endpoints,ep Endpoints',
  'events,ev Event',
  'limitranges,limits LimitRange',
  'namespaces,ns Namespace',
  'nodes,no Node',
  'persistentvolumeclaims,pvc PersistentVolumeClaim',
  'persistentvolumes,pv PersistentVolume',
  'pods,po Pod',
  'podtemplates PodTemplate',
  'replicationcontrollers,rc ReplicationController',
  'resourcequotas,quota ResourceQuota',
  'secrets Secret',
  'serviceaccounts,sa ServiceAccount',
  'services,svc Service',
  'mutatingwebhookconfigurations MutatingWebhookConfiguration admissionregistration.k8s.io',
  'validatingadmissionpolicies ValidatingAdmissionPolicy admissionregistration.k8s.io',
  'validatingadmissionpolicybindings ValidatingAdmissionPolicyBinding admissionregistration.k8s.io',
  'validatingwebhookconfigurations ValidatingWebhookConfiguration admissionregistration.k8s.io',
  'customresourcedefinitions,crd,crds CustomResourceDefinition apiextensions.k8s.io',
  'apiservices APIService apiregistration.k8s.io',
  'controllerrevisions ControllerRevision apps',
  'daemonsets,ds DaemonSet apps',
  'deployments,deploy Deployment apps',
  'replicasets,rs ReplicaSet apps',
  'statefulsets,sts StatefulSet apps',
  'selfsubjectreviews SelfSubjectReview authentication.k8s.io',
  'tokenreviews TokenReview authentication.k8s.io',
  'localsubjectaccessreviews LocalSubjectAccessReview authorization.k8s.io',
  'selfsubjectaccessreviews SelfSubjectAccessReview authorization.k8s.io',
  'selfsubjectrulesreviews SelfSubjectRulesReview authorization.k8s.io',
  'subjectaccessreviews SubjectAccessReview authorization.k8s.io',
  'horizontalpodautoscalers,hpa HorizontalPodAutoscaler autoscaling',
  'cronjobs,cj CronJob batch',
  'jobs Job batch',
  'certificatesigningrequests,csr CertificateSigningRequest certificates.k8s.io',
  'leases Lease coordination.k8s.io',
  'endpointslices EndpointSlice discovery.k8s.io',
  'flowschemas FlowSchema flowcontrol.apiserver.k8s.io',
  'prioritylevelconfigurations PriorityLevelConfiguration flowcontrol.apiserver.k8s.io',
  'ingressclasses IngressClass networking.k8s.io',
  'ingresses,ing Ingress networking.k8s.io',
  'ipaddresses,ip IPAddress networking.k8s.io',
  'networkpolicies,netpol NetworkPolicy networking.k8s.io',
  'servicecidrs ServiceCIDR networking.k8s.io',
  'runtimeclasses RuntimeClass node.k8s.io',
  'poddisruptionbudgets,pdb PodDisruptionBudget policy',
  'clusterrolebindings ClusterRoleBinding rbac.authorization.k8s.io',
  'clusterroles ClusterRole rbac.authorization.k8s.io',
  'rolebindings RoleBinding rbac.authorization.k8s.io',
  'roles Role rbac.authorization.k8s.io',
  'deviceclasses DeviceClass resource.k8s.io',
  'resourceclaims ResourceClaim resource.k8s.io',
  'resourceclaimtemplates ResourceClaimTemplate resource.k8s.io',
  'resourceslices ResourceSlice resource.k8s.io',
  'priorityclasses,pc PriorityClass scheduling.k8s.io',
  'csidrivers CSIDriver storage.k8s.io',
  'csinodes CSINode storage.k8s.io',
  'csistoragecapacities CSIStorageCapacity storage.k8s.io',
  'storageclasses,sc StorageClass storage.k8s.io',
  'volumeattachments VolumeAttachment storage.k8s.io',
  'volumeattributesclasses,vac VolumeAttributesClass storage.k8s.io',
];
