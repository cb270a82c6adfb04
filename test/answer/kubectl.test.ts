import { describe, expect, it } from 'vitest';
import { compareTyped, type Note } from '../../src/answer/compare.js';
import { resolveType } from '../../src/answer/kubectl.js';
import { COMMANDS, type CommandDef, RESOURCE_TYPES } from '../../src/answer/kubectlTables.js';

// One block per rule of kubectl's reading (pflag, cobra, cli-runtime and the
// commands' own argument handling, kubernetes/kubectl pkg/cmd/...).

function same(typed: string, expected: string): void {
  expect(compareTyped(typed, expected).correct, `${typed}  ≟  ${expected}`).toBe(true);
}

function differ(typed: string, expected: string): void {
  expect(compareTyped(typed, expected).correct, `${typed}  ≟  ${expected}`).toBe(false);
}

function notes(typed: string, expected: string): readonly Note[] {
  return compareTyped(typed, expected).explanation ?? [];
}

describe('pflag: how a flag gets its value', () => {
  it('reads --f=v, --f v, -fv, -f=v and -f v as one flag', () => {
    const expected = 'kubectl get pods --output=yaml';
    for (const typed of [
      'kubectl get pods --output yaml',
      'kubectl get pods -oyaml',
      'kubectl get pods -o=yaml',
      'kubectl get pods -o yaml',
    ])
      same(typed, expected);
    same('kubectl run web --image=nginx -nprod', 'kubectl run web --image=nginx -n prod');
  });

  it('takes the next word as the value whatever it looks like', () => {
    same('kubectl get pods --sort-by --watch', 'kubectl get pods --sort-by=--watch');
    differ('kubectl get pods --sort-by --watch', 'kubectl get pods --watch');
  });

  it('bundles boolean shorthands: -it = -ti = -i -t = --stdin --tty', () => {
    const expected = 'kubectl exec --stdin --tty web -- sh';
    for (const typed of [
      'kubectl exec -it web -- sh',
      'kubectl exec -ti web -- sh',
      'kubectl exec -i -t web -- sh',
      'kubectl exec --tty=true --stdin web -- sh',
    ])
      same(typed, expected);
    differ('kubectl exec -i web -- sh', expected);
  });

  it('accepts any Go boolean for a bool flag, and false is the default', () => {
    same('kubectl delete pod web --force=true', 'kubectl delete pod web --force');
    same('kubectl delete pod web --force=T', 'kubectl delete pod web --force');
    same('kubectl delete pod web --force=false', 'kubectl delete pod web');
    differ('kubectl delete pod web --force=yes', 'kubectl delete pod web --force');
    expect(notes('kubectl delete pod web --force=yes', 'kubectl delete pod web --force')).toEqual([
      { kind: 'invalid', reason: 'badValue', text: '--force=yes' },
    ]);
  });

  it('never gives a bool flag the next word: --overwrite true leaves `true` an argument', () => {
    differ(
      'kubectl label pods web tier=db --overwrite true',
      'kubectl label pods web tier=db --overwrite',
    );
  });

  it('stops reading flags at --', () => {
    differ('kubectl exec web -- sh -it', 'kubectl exec -it web -- sh');
    same("kubectl exec web -it -- sh -c 'ls -l'", "kubectl exec -it web -- sh -c 'ls -l'");
  });

  it('rejects unknown flags and shorthands (no prefix matching), and a missing value', () => {
    expect(
      notes('kubectl drain n1 --ignore-daemonset', 'kubectl drain n1 --ignore-daemonsets'),
    ).toEqual([{ kind: 'invalid', reason: 'unknownFlag', text: '--ignore-daemonset' }]);
    differ('kubectl get pods -W', 'kubectl get pods --watch');
    differ('kubectl get pod web -o yaml --export', 'kubectl get pod web -o yaml');
    expect(notes('kubectl get pods -o', 'kubectl get pods -o wide')).toEqual([
      { kind: 'invalid', reason: 'missingValue', text: '-o' },
    ]);
  });

  it('keeps the last value of a flag given twice', () => {
    same('kubectl get pods -o json -o yaml', 'kubectl get pods -o yaml');
    differ('kubectl get pods -o yaml -o json', 'kubectl get pods -o yaml');
  });
});

describe('flags are per command', () => {
  it('knows each command’s own shorthands', () => {
    same(
      'kubectl create deployment web --image=nginx -r 3',
      'kubectl create deployment web --image=nginx --replicas=3',
    );
    differ('kubectl scale -r 3 deployment web', 'kubectl scale --replicas=3 deployment web');
    same(
      'kubectl run web --image=nginx -l app=web',
      'kubectl run web --image=nginx --labels=app=web',
    );
    same(
      'kubectl expose deployment web --port=80 -l app=web',
      'kubectl expose deployment web --port=80 --labels=app=web',
    );
    same('kubectl get pods -l app=web', 'kubectl get pods --selector=app=web');
    same('kubectl logs -p web', 'kubectl logs --previous web');
    same('kubectl logs -f web', 'kubectl logs --follow web');
    same('kubectl apply -f web.yaml', 'kubectl apply --filename=web.yaml');
    differ('kubectl create --force -f pod.json', 'kubectl replace --force -f pod.json');
    // create clusterrolebinding has no --role.
    differ(
      'kubectl create clusterrolebinding b --role=admin --user=u',
      'kubectl create clusterrolebinding b --clusterrole=admin --user=u',
    );
  });

  it('accepts global flags anywhere, before or after the command', () => {
    const expected = 'kubectl get pods -n prod';
    same('kubectl -n prod get pods', expected);
    same('kubectl get -nprod pods', expected);
    same('kubectl --namespace=prod get pods', expected);
    same(
      'kubectl --context dev -n prod auth can-i list pods',
      'kubectl auth can-i list pods -n prod --context=dev',
    );
    differ('kubectl get pods', expected);
  });

  it('treats a flag set to its default as left out (but a namespace has no default)', () => {
    same(
      'kubectl create cronjob c --image=busybox --schedule="* * * * *" --restart=OnFailure',
      'kubectl create cronjob c --image=busybox --schedule="* * * * *"',
    );
    same('kubectl run web --image=nginx --restart=Always', 'kubectl run web --image=nginx');
    same(
      'kubectl create deployment web --image=nginx --replicas=1',
      'kubectl create deployment web --image=nginx',
    );
    same('kubectl apply -f a.yaml --dry-run=none', 'kubectl apply -f a.yaml');
    differ('kubectl run web --image=nginx --restart=Never', 'kubectl run web --image=nginx');
    differ('kubectl get pods -n default', 'kubectl get pods');
    // Defaults that depend on another flag: logs --tail is 10 with a selector,
    // run --attach is true with --stdin.
    same('kubectl logs web --tail=-1', 'kubectl logs web');
    differ('kubectl logs -l app=web --tail=-1', 'kubectl logs -l app=web');
    same('kubectl run b --image=busybox --attach=false', 'kubectl run b --image=busybox');
    differ('kubectl run b --image=busybox -i --attach=false', 'kubectl run b --image=busybox -i');
    expect(
      notes('kubectl run web --image=nginx --restart=Always', 'kubectl run web --image=nginx'),
    ).toEqual([{ kind: 'default', text: '--restart=Always' }]);
  });

  it('reads --dry-run as kubectl does: bare or true is client, server differs', () => {
    const expected = 'kubectl create deployment web --image=nginx --dry-run=client -o yaml';
    same('kubectl create deployment web --image=nginx --dry-run -o yaml', expected);
    same('kubectl create deployment web --image=nginx --dry-run=true -o yaml', expected);
    differ('kubectl create deployment web --image=nginx --dry-run=server -o yaml', expected);
    // With a space, `client` is an argument: a second NAME.
    differ('kubectl create deployment web --image=nginx --dry-run client -o yaml', expected);
    differ(
      'kubectl run web --image=nginx --dry-run client',
      'kubectl run web --image=nginx --dry-run=client',
    );
  });

  it('splits slice flags on commas, never array flags, and orders only what is ordered', () => {
    same(
      'kubectl create role r --verb=get,list --resource=pods',
      'kubectl create role r --verb=get --verb=list --resource=pods',
    );
    differ(
      'kubectl create rolebinding b --clusterrole=view --user=a,b',
      'kubectl create rolebinding b --clusterrole=view --user=a --user=b',
    );
    same(
      'kubectl create configmap c --from-literal=b=2 --from-literal=a=1',
      'kubectl create configmap c --from-literal=a=1 --from-literal=b=2',
    );
    differ(
      'kubectl create configmap c --from-literal=a=2 --from-literal=b=1',
      'kubectl create configmap c --from-literal=a=1 --from-literal=b=2',
    );
    // Containers follow the order of the images.
    differ(
      'kubectl create deployment web --image=redis,nginx',
      'kubectl create deployment web --image=nginx,redis',
    );
    // --resource in create role takes any spelling of a type.
    same(
      'kubectl create role r --verb=get --resource=po,deploy',
      'kubectl create role r --verb=get --resource=pods,deployments',
    );
  });

  it('compares values kubectl normalises: paths, selectors, sort-by paths, from-file keys', () => {
    same('kubectl apply -f ./pod.yaml', 'kubectl apply -f pod.yaml');
    same('kubectl apply -f manifests/', 'kubectl apply -f ./manifests');
    differ('kubectl apply -f other/pod.yaml', 'kubectl apply -f pod.yaml');
    same('kubectl get pods -l app==web', 'kubectl get pods -l app=web');
    same('kubectl get pods -l tier=db,app=web', 'kubectl get pods -l app=web,tier=db');
    differ('kubectl get pods -l app!=web', 'kubectl get pods -l app=web');
    differ('kubectl get pods -l app=Web', 'kubectl get pods -l app=web');
    same('kubectl get pods --sort-by=metadata.name', 'kubectl get pods --sort-by=.metadata.name');
    same(
      'kubectl get pods -o custom-columns=NAME:metadata.name,NODE:{.spec.nodeName}',
      'kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName',
    );
    differ(
      'kubectl get pods -o custom-columns=NODE:.spec.nodeName,NAME:.metadata.name',
      'kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName',
    );
    same(
      "kubectl get pods --sort-by='{.metadata.name}'",
      'kubectl get pods --sort-by=.metadata.name',
    );
    differ('kubectl top pods --sort-by=memory', 'kubectl top pods --sort-by=cpu');
    same(
      'kubectl create secret generic s --from-file=id_rsa=keys/id_rsa',
      'kubectl create secret generic s --from-file=keys/id_rsa',
    );
    differ(
      'kubectl create secret generic s --from-file=key=keys/id_rsa',
      'kubectl create secret generic s --from-file=keys/id_rsa',
    );
  });

  it('keeps quoted values exactly, however they are quoted', () => {
    same(`kubectl annotate pods web note="a b"`, `kubectl annotate pods web note='a b'`);
    same('kubectl annotate pods web note=a\\ b', `kubectl annotate pods web note='a b'`);
    differ(`kubectl annotate pods web note='a  b'`, `kubectl annotate pods web note='a b'`);
    // Unquoted, the second word is one more argument: an error after the pairs.
    differ('kubectl annotate pods web note=a b', `kubectl annotate pods web note='a b'`);
  });
});

describe('commands and subcommands', () => {
  /** Every alias in the table, with a command line that the command accepts. */
  function aliasCases(defs: readonly CommandDef[], path: string[]): [string, string][] {
    const out: [string, string][] = [];
    for (const d of defs) {
      const tail =
        d.args === 'group' ? null : d.args === 'name' || d.args === 'nameCommand' ? ' x' : '';
      for (const alias of d.aliases) {
        if (tail === null) {
          const child = d.sub[0]!;
          out.push([
            `kubectl ${[...path, alias, child.name].join(' ')} x`,
            `kubectl ${[...path, d.name, child.name].join(' ')} x`,
          ]);
        } else
          out.push([
            `kubectl ${[...path, alias].join(' ')}${tail}`,
            `kubectl ${[...path, d.name].join(' ')}${tail}`,
          ]);
      }
      out.push(...aliasCases(d.sub, [...path, d.name]));
    }
    return out;
  }

  it('accepts every subcommand alias cobra defines (create deploy, top no, config use, …)', () => {
    const cases = aliasCases(COMMANDS, []);
    expect(cases.length).toBeGreaterThanOrEqual(15);
    for (const [typed, expected] of cases) same(typed, expected);
    expect(
      notes(
        'kubectl create deploy web --image=nginx',
        'kubectl create deployment web --image=nginx',
      ),
    ).toEqual([{ kind: 'same', typed: 'deploy', expected: 'deployment' }]);
  });

  it('has no other aliases: plurals are not subcommands', () => {
    differ(
      'kubectl create ingresses web --rule=a/b=s:80',
      'kubectl create ingress web --rule=a/b=s:80',
    );
    differ(
      'kubectl create deployments web --image=nginx',
      'kubectl create deployment web --image=nginx',
    );
    differ('kubectl top node/n1', 'kubectl top node n1');
  });

  it('accepts the k alias the exam sets up', () => {
    same('k get po', 'kubectl get pods');
    expect(notes('k get pods', 'kubectl get pods')).toEqual([
      { kind: 'same', typed: 'k', expected: 'kubectl' },
    ]);
  });

  it('tells commands apart and says so', () => {
    expect(notes('kubectl drain n1', 'kubectl cordon n1')).toEqual([
      { kind: 'wrongCommand', typed: 'kubectl drain', expected: 'kubectl cordon' },
    ]);
    differ(
      'kubectl create secret tls s --from-literal=a=b',
      'kubectl create secret generic s --from-literal=a=b',
    );
  });
});

describe('resource types (cli-runtime and the kubectl resource-type table)', () => {
  it('accepts the plural, the singular and every short name of each built-in type', () => {
    for (const line of RESOURCE_TYPES) {
      const [names, kind] = line.split(' ') as [string, string];
      const [plural, ...shorts] = names.split(',');
      for (const spelling of [kind.toLowerCase(), kind, plural!.toUpperCase(), ...shorts])
        same(`kubectl get ${spelling}`, `kubectl get ${plural}`);
    }
    differ('kubectl get deployments', 'kubectl get daemonsets');
  });

  it('accepts the group- and version-qualified forms, but only the right group', () => {
    expect(resolveType('deployments.apps')).toEqual(resolveType('deploy'));
    expect(resolveType('deployments.v1.apps')).toEqual(resolveType('deployment'));
    expect(resolveType('jobs.batch').key).toBe('jobs.batch');
    expect(resolveType('deployments.batch').known).toBe(false);
    same(
      'kubectl auth can-i list jobs/bar -n foo',
      'kubectl auth can-i list jobs.batch/bar -n foo',
    );
    // Unknown types (custom resources) compare as written, case aside.
    same('kubectl get Widgets', 'kubectl get widgets');
    differ('kubectl get widget', 'kubectl get widgets');
  });

  it('reads TYPE NAME… and TYPE/NAME… alike, but not mixed', () => {
    same('kubectl describe po/web', 'kubectl describe pods web');
    same('kubectl get pods/a pod/b', 'kubectl get pods a b');
    same('kubectl scale sts web --replicas=3', 'kubectl scale --replicas=3 statefulset/web');
    differ('kubectl get pods pod/web', 'kubectl get pods web');
    differ('kubectl get pods b a', 'kubectl get pods a b');
    expect(notes('kubectl describe po/web', 'kubectl describe pods web')).toEqual([
      { kind: 'same', typed: 'po', expected: 'pods' },
      { kind: 'same', typed: 'po/web', expected: 'pods web' },
    ]);
  });

  it('resolves types inside flag values that name an object (--from)', () => {
    same('kubectl create job j --from=cj/nightly', 'kubectl create job j --from=cronjob/nightly');
    differ(
      'kubectl create job nightly --from=cronjob/j',
      'kubectl create job j --from=cronjob/nightly',
    );
  });
});

describe('positional arguments, command by command', () => {
  it('exec and logs take a POD or TYPE/NAME (a Pod by default)', () => {
    same('kubectl exec pod/web -- ls', 'kubectl exec web -- ls');
    differ('kubectl exec deploy/web -- ls', 'kubectl exec web -- ls');
    same('kubectl logs po/web', 'kubectl logs web');
    expect(notes('kubectl exec -it web sh', 'kubectl exec -it web -- sh')).toEqual([
      { kind: 'invalid', reason: 'needsDash', text: 'sh' },
    ]);
  });

  it('reads the second word of logs as the container', () => {
    same('kubectl logs web app', 'kubectl logs web -c app');
    differ('kubectl logs web app -c app', 'kubectl logs web -c app');
    differ('kubectl logs web side', 'kubectl logs web -c app');
  });

  it('wants exactly one NAME for create generators; the command goes after --', () => {
    differ(
      'kubectl create deployment web --image=busybox date',
      'kubectl create deployment web --image=busybox -- date',
    );
    differ(
      'kubectl create deployment web --image=busybox -- date -u',
      'kubectl create deployment web --image=busybox -- date',
    );
    expect(notes('kubectl create namespace', 'kubectl create namespace dev')).toEqual([
      { kind: 'invalid', reason: 'missingArgs', text: '' },
    ]);
  });

  it('gives run’s words after NAME to the container, with or without --', () => {
    same(
      'kubectl run b --image=busybox --restart=Never sleep 3600',
      'kubectl run b --image=busybox --restart=Never -- sleep 3600',
    );
    differ(
      'kubectl run b --image=busybox -- sleep 60',
      'kubectl run b --image=busybox -- sleep 3600',
    );
  });

  it('reads label/annotate/set image pairs as a map, after the resources', () => {
    same('kubectl label pods web b=2 a=1', 'kubectl label pods web a=1 b=2');
    same(
      'kubectl set image deploy/web b=redis a=nginx',
      'kubectl set image deployment/web a=nginx b=redis',
    );
    differ(
      'kubectl set image deploy/web a=redis b=nginx',
      'kubectl set image deployment/web a=nginx b=redis',
    );
    expect(notes('kubectl label pods a=1 web', 'kubectl label pods web a=1')).toEqual([
      { kind: 'invalid', reason: 'argsOrder', text: 'web' },
    ]);
  });

  it('keeps the order of set env variables and of taints (lists, not maps)', () => {
    differ('kubectl set env deploy/web B=2 A=1', 'kubectl set env deploy/web A=1 B=2');
    same('kubectl set env deployment/web A=1 B=2', 'kubectl set env deploy/web A=1 B=2');
    differ(
      'kubectl taint nodes n1 b=2:NoSchedule a=1:NoSchedule',
      'kubectl taint nodes n1 a=1:NoSchedule b=2:NoSchedule',
    );
  });

  it('reads --patch and --overrides as the JSON kubectl re-encodes', () => {
    same(
      `kubectl patch deploy web -p '{"spec": {"replicas": 3, "paused": false}}'`,
      `kubectl patch deployment web -p '{"spec":{"paused":false,"replicas":3}}'`,
    );
    differ(
      `kubectl patch deploy web -p '{"spec":{"replicas":4}}'`,
      `kubectl patch deploy web -p '{"spec":{"replicas":3}}'`,
    );
  });

  it('ignores the value of a taint being removed, not of one being added', () => {
    same('kubectl taint nodes n1 k=v:NoSchedule-', 'kubectl taint nodes n1 k:NoSchedule-');
    differ('kubectl taint nodes n1 k-', 'kubectl taint nodes n1 k:NoSchedule-');
    differ('kubectl taint nodes n1 k:NoSchedule', 'kubectl taint nodes n1 k=v:NoSchedule');
    same('kubectl taint node/n1 k=v:NoSchedule', 'kubectl taint nodes n1 k=v:NoSchedule');
  });

  it('resolves the type in explain and keeps the field path', () => {
    same('kubectl explain po.spec.containers', 'kubectl explain pods.spec.containers');
    differ('kubectl explain pods.spec', 'kubectl explain pods.spec.containers');
  });
});

describe('the rest of the command line', () => {
  it('compares redirections and pipes', () => {
    same('kubectl get pod web -o yaml >web.yaml', 'kubectl get pod web -o yaml > web.yaml');
    differ('kubectl get pod web -o yaml > pod.yaml', 'kubectl get pod web -o yaml > web.yaml');
    differ('kubectl get pod web -o yaml > web.yaml', 'kubectl get pod web -o yaml');
    same('k get po -A | grep -v Running', 'kubectl get pods --all-namespaces | grep -v Running');
  });

  it('falls back to the structural comparison for what the model does not know', () => {
    // A plugin, and a flag missing from the tables in the expected answer.
    same('kubectl krew install ctx', 'kubectl krew install ctx');
    same('k krew install ctx', 'kubectl krew install ctx');
    differ('kubectl krew install ns', 'kubectl krew install ctx');
    same('kubectl get pods --brand-new-flag=1', 'kubectl get pods --brand-new-flag=1');
    expect(
      compareTyped('kubectl krew install ctx', 'kubectl krew install ctx').explanation,
    ).toBeUndefined();
  });
});

describe('the explanation', () => {
  it('names what differs: a value, a missing flag, an extra flag, the arguments', () => {
    expect(
      notes('kubectl scale deploy web --replicas=2', 'kubectl scale deployment web --replicas=3'),
    ).toEqual([
      { kind: 'same', typed: 'deploy', expected: 'deployment' },
      { kind: 'wrongValue', flag: '--replicas', typed: '--replicas=2', expected: '--replicas=3' },
    ]);
    expect(notes('kubectl top pod web', 'kubectl top pod web --containers')).toEqual([
      { kind: 'missingFlag', flag: '--containers', expected: '--containers' },
    ]);
    expect(notes('kubectl apply -f d -R', 'kubectl apply -f d')).toEqual([
      { kind: 'extraFlag', flag: '--recursive', typed: '-R' },
    ]);
    expect(notes('kubectl run api --image=nginx', 'kubectl run web --image=nginx')).toEqual([
      { kind: 'wrongArgs', typed: 'api', expected: 'web' },
    ]);
    expect(notes('kubectl exec -it web -- bash', 'kubectl exec -it web -- sh')).toEqual([
      { kind: 'wrongCommandLine', typed: 'bash', expected: 'sh' },
    ]);
  });

  it('marks only the differing value in the diff, not the flag name', () => {
    const r = compareTyped('kubectl get pods -n dev', 'kubectl get pods -n prod');
    expect(r.typed).toEqual([
      { text: 'kubectl get pods -n', kind: 'same' },
      { text: 'dev', kind: 'wrong' },
    ]);
    expect(r.expected).toEqual([
      { text: 'kubectl get pods -n', kind: 'same' },
      { text: 'prod', kind: 'missing' },
    ]);
  });
});
