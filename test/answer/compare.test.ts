import { describe, expect, it } from 'vitest';
import {
  compareTyped,
  type DiffPart,
  MAX_COMPARED,
  type TypedResult,
} from '../../src/answer/compare.js';

/** The diff alone: kubectl answers also carry an explanation, tested on its own. */
function diff(typed: string, expected: string): Omit<TypedResult, 'explanation'> {
  const { explanation: _, ...rest } = compareTyped(typed, expected);
  return rest;
}

const same = (text: string): DiffPart => ({ text, kind: 'same' });
const wrong = (text: string): DiffPart => ({ text, kind: 'wrong' });
const extra = (text: string): DiffPart => ({ text, kind: 'extra' });
const missing = (text: string): DiffPart => ({ text, kind: 'missing' });

function expectCorrect(typed: string, expected: string): void {
  const r = compareTyped(typed, expected);
  expect(r.correct, `${typed} vs ${expected}`).toBe(true);
  expect(r.typed.every((p) => p.kind === 'same')).toBe(true);
  expect(r.expected.every((p) => p.kind === 'same')).toBe(true);
}

function expectWrong(typed: string, expected: string): void {
  expect(diff(typed, expected).correct, `${typed} vs ${expected}`).toBe(false);
}

describe('compareTyped: normalisation', () => {
  it('trims and collapses whitespace runs (tabs, newlines) before comparing', () => {
    expect(diff('  kubectl   get\tpods \n', 'kubectl get pods')).toEqual({
      correct: true,
      typed: [same('kubectl get pods')],
      expected: [same('kubectl get pods')],
    });
    expectCorrect('  the   cluster\tstate ', 'the cluster state');
  });

  it('applies NFKC: full-width letters, digits, dashes and IME spaces count as ASCII', () => {
    expect(
      diff(
        'ｋｕｂｅｃｔｌ　ｇｅｔ　ｐｏｄｓ　－ｎ　ｋｕｂｅ－ｓｙｓｔｅｍ',
        'kubectl get pods -n kube-system',
      ),
    ).toEqual({
      correct: true,
      typed: [same('kubectl get pods -n kube-system')],
      expected: [same('kubectl get pods -n kube-system')],
    });
    expectCorrect('３００００－３２７６７', '30000-32767');
    expectCorrect(
      'kubectl scale deployment web －－replicas＝３',
      'kubectl scale deployment web --replicas=3',
    );
  });

  it('is case-sensitive for commands', () => {
    expect(diff('Kubectl get pods', 'kubectl get pods')).toEqual({
      correct: false,
      typed: [wrong('Kubectl'), same('get pods')],
      expected: [missing('kubectl'), same('get pods')],
    });
    expectWrong('kubectl get pods -l App=web', 'kubectl get pods -l app=web');
  });
});

describe('compareTyped: plain answers', () => {
  it('ignores case', () => {
    expect(diff('clusterip', 'ClusterIP')).toEqual({
      correct: true,
      typed: [same('clusterip')],
      expected: [same('ClusterIP')],
    });
    expectCorrect('ｃｌｕｓｔｅｒＩＰ', 'ClusterIP');
  });

  it('ignores trailing punctuation (. and 。) on either side', () => {
    expectCorrect('ClusterIP.', 'ClusterIP');
    expectCorrect('ReadWriteOnce', 'ReadWriteOnce.');
    expectCorrect('東京。', '東京');
    expectCorrect('the cluster state', 'The cluster state .');
    // Only at the end, and an answer that is only punctuation still compares.
    expectWrong('Cluster.IP', 'ClusterIP');
    expectCorrect('...', '...');
  });

  it('compares a port range exactly, as one token', () => {
    expectCorrect('30000-32767', '30000-32767');
    expect(diff('30001-32767', '30000-32767')).toEqual({
      correct: false,
      typed: [wrong('30001-32767')],
      expected: [missing('30000-32767')],
    });
  });

  it('diffs longer answers word by word', () => {
    expect(diff('the api server', 'The kube-apiserver')).toEqual({
      correct: false,
      typed: [same('the'), wrong('api'), extra('server')],
      expected: [same('The'), missing('kube-apiserver')],
    });
    expect(diff('stores cluster state', 'etcd stores the cluster state.')).toEqual({
      correct: false,
      typed: [same('stores cluster state')],
      expected: [missing('etcd'), same('stores'), missing('the'), same('cluster state.')],
    });
  });
});

describe('compareTyped: shell commands', () => {
  it('marks a wrong image tag in kubectl set image', () => {
    expect(
      diff(
        'kubectl set image deployment/web nginx=nginx:1.25',
        'kubectl set image deployment/web nginx=nginx:1.26',
      ),
    ).toEqual({
      correct: false,
      typed: [same('kubectl set image deployment/web'), wrong('nginx=nginx:1.25')],
      expected: [same('kubectl set image deployment/web'), missing('nginx=nginx:1.26')],
    });
  });

  it('ignores flag order, and flags may come before or between positionals', () => {
    expect(
      diff(
        'kubectl create deployment web --replicas 3 --image nginx',
        'kubectl create deployment web --image=nginx --replicas=3',
      ),
    ).toEqual({
      correct: true,
      typed: [same('kubectl create deployment web --replicas 3 --image nginx')],
      expected: [same('kubectl create deployment web --image=nginx --replicas=3')],
    });
    expectCorrect(
      'kubectl scale --replicas=3 deployment web',
      'kubectl scale deployment web --replicas=3',
    );
    expectCorrect('kubectl -n dev get pods', 'kubectl get pods -n dev');
  });

  it('treats --flag=value and --flag value (and -o=yaml, -o yaml) alike', () => {
    expectCorrect(
      'kubectl expose deployment web --port 80',
      'kubectl expose deployment web --port=80',
    );
    expectCorrect('kubectl get pods -o=yaml', 'kubectl get pods -o yaml');
    // …but for other commands, not when the value is itself a flag (kubectl's
    // pflag takes the next word whatever it is: see the kubectl tests).
    expect(diff('mytool --sort-by --watch', 'mytool --sort-by=--watch')).toEqual({
      correct: false,
      typed: [same('mytool --sort-by'), extra('--watch')],
      expected: [same('mytool'), missing('--sort-by=--watch')],
    });
  });

  it('marks a flag with a different value: the value, or the whole --flag=value word', () => {
    expect(diff('kubectl get pods -n kube-system', 'kubectl get pods -n default')).toEqual({
      correct: false,
      typed: [same('kubectl get pods -n'), wrong('kube-system')],
      expected: [same('kubectl get pods -n'), missing('default')],
    });
    expect(
      diff(
        'kubectl create deployment web --image=nginx:1.25 --replicas=3',
        'kubectl create deployment web --replicas=3 --image=nginx:1.26',
      ),
    ).toEqual({
      correct: false,
      typed: [
        same('kubectl create deployment web'),
        wrong('--image=nginx:1.25'),
        same('--replicas=3'),
      ],
      expected: [same('kubectl create deployment web --replicas=3'), missing('--image=nginx:1.26')],
    });
  });

  it('marks unexpected flags extra and expected flags not typed missing', () => {
    expect(diff('kubectl get pods -o wide', 'kubectl get pods -A')).toEqual({
      correct: false,
      typed: [same('kubectl get pods'), extra('-o wide')],
      expected: [same('kubectl get pods'), missing('-A')],
    });
  });

  it('does not treat -n default / --namespace=default as equal to omitting them', () => {
    expect(diff('kubectl get pods', 'kubectl get pods -n default')).toEqual({
      correct: false,
      typed: [same('kubectl get pods')],
      expected: [same('kubectl get pods'), missing('-n default')],
    });
    expect(diff('kubectl get pods --namespace=default', 'kubectl get pods')).toEqual({
      correct: false,
      typed: [same('kubectl get pods'), extra('--namespace=default')],
      expected: [same('kubectl get pods')],
    });
  });

  it('knows common short and long spellings of kubectl flags', () => {
    expectCorrect('kubectl get pods --namespace=default', 'kubectl get pods -n default');
    expectCorrect('kubectl get pods --all-namespaces', 'kubectl get pods -A');
    expectCorrect('kubectl get pods --selector app=web', 'kubectl get pods -l app=web');
    expectCorrect('kubectl logs web --follow', 'kubectl logs -f web');
    expectCorrect('kubectl apply --filename web.yaml', 'kubectl apply -f web.yaml');
    expectWrong('kubectl apply --follow web.yaml', 'kubectl apply -f web.yaml');
  });

  it('keeps short-flag clusters whole for commands it does not model (-it is not -i -t)', () => {
    expect(diff('docker run -i -t web sh', 'docker run -it web sh')).toEqual({
      correct: false,
      typed: [same('docker run'), extra('-i -t'), same('web sh')],
      expected: [same('docker run'), missing('-it'), same('web sh')],
    });
    expectCorrect('docker run -ti web sh', 'docker run -it web sh');
    // kubectl's shorthands are single letters: -it, -ti and -i -t are one thing.
    expectCorrect('kubectl exec -i -t web -- sh', 'kubectl exec -it web -- sh');
  });

  it('tells boolean flags from flags with a value by how the answer uses them', () => {
    // -f at the end takes no value, so `web` stays positional on both sides.
    expectCorrect('kubectl logs web -f', 'kubectl logs -f web');
    expectCorrect(
      'kubectl delete pod --force web --grace-period=0',
      'kubectl delete pod web --grace-period=0 --force',
    );
    expectCorrect('kubectl get pods -A | grep Running -v', 'kubectl get pods -A | grep -v Running');
    expectCorrect(
      'kubectl run tmp --rm -it --restart=Never --image=busybox -- sh',
      'kubectl run tmp --image=busybox --rm -it --restart=Never -- sh',
    );
  });

  it('keeps positional order', () => {
    // TYPE then NAME: `web pods` asks for the pods object of a type "web".
    expect(diff('kubectl get web pods', 'kubectl get pods web')).toEqual({
      correct: false,
      typed: [same('kubectl get'), wrong('web pods')],
      expected: [same('kubectl get'), missing('pods web')],
    });
    expectWrong(
      'kubectl cp ./nginx.conf web:/etc/nginx/nginx.conf',
      'kubectl cp web:/etc/nginx/nginx.conf ./nginx.conf',
    );
  });

  it('makes quoting insignificant: "app=web" == app=web == \'app=web\' == app\\=web', () => {
    expect(diff('kubectl get pods -l "app=web"', "kubectl get pods -l 'app=web'")).toEqual({
      correct: true,
      typed: [same('kubectl get pods -l "app=web"')],
      expected: [same("kubectl get pods -l 'app=web'")],
    });
    expectCorrect('kubectl get pods -l app=web', "kubectl get pods -l 'app=web'");
    expectCorrect('kubectl get pods -l app\\=web', 'kubectl get pods -l app=web');
    expectCorrect(`'kubectl' "get" pods`, 'kubectl get pods');
    expectCorrect(
      'kubectl create secret generic s --from-literal=password="a b"',
      "kubectl create secret generic s --from-literal=password='a b'",
    );
    expectCorrect('export do="--dry-run=client -o yaml"', "export do='--dry-run=client -o yaml'");
    // A quoted space is part of the word: this is one argument, not two.
    expectWrong("kubectl get pods 'web api'", 'kubectl get pods web api');
  });

  it('compares jsonpath with braces and quotes however it is quoted', () => {
    expect(
      diff(
        'kubectl get pods -o jsonpath="{.items[*].metadata.name}"',
        "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
      ),
    ).toEqual({
      correct: true,
      typed: [same('kubectl get pods -o jsonpath="{.items[*].metadata.name}"')],
      expected: [same("kubectl get pods -o jsonpath='{.items[*].metadata.name}'")],
    });
    expectCorrect(
      String.raw`kubectl get nodes -o jsonpath="{.items[*].status.addresses[?(@.type==\"InternalIP\")].address}"`,
      `kubectl get nodes -o jsonpath='{.items[*].status.addresses[?(@.type=="InternalIP")].address}'`,
    );
    expectCorrect(
      String.raw`kubectl get pods -o jsonpath={range\ .items[*]}{.metadata.name}{\"\\n\"}{end}`,
      String.raw`kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}'`,
    );
    expect(
      diff(
        "kubectl get pods -o jsonpath='{.items[*].metadata.uid}'",
        "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
      ),
    ).toEqual({
      correct: false,
      typed: [same('kubectl get pods -o'), wrong("jsonpath='{.items[*].metadata.uid}'")],
      expected: [same('kubectl get pods -o'), missing("jsonpath='{.items[*].metadata.name}'")],
    });
  });

  it('treats everything after a bare -- as positional and order-sensitive', () => {
    expectCorrect(
      "kubectl exec web -it -- sh -c 'echo hi'",
      "kubectl exec -it web -- sh -c 'echo hi'",
    );
    expect(
      diff("kubectl exec -it web -- -c sh 'echo hi'", "kubectl exec -it web -- sh -c 'echo hi'"),
    ).toEqual({
      correct: false,
      typed: [same('kubectl exec -it web --'), extra('-c'), same("sh 'echo hi'")],
      expected: [same('kubectl exec -it web -- sh'), missing('-c'), same("'echo hi'")],
    });
    // A flag after -- belongs to the command in the container, not to kubectl.
    expectWrong('kubectl exec web -- sh -it', 'kubectl exec -it web -- sh');
    expect(
      diff('kubectl exec -it web -- sh -c', "kubectl exec -it web -- sh -c 'echo hi'"),
    ).toEqual({
      correct: false,
      typed: [same('kubectl exec -it web -- sh -c')],
      expected: [same('kubectl exec -it web -- sh -c'), missing("'echo hi'")],
    });
  });

  it('compares pipeline stages separately and in order', () => {
    expectCorrect(
      "kubectl get secret s -o jsonpath='{.data.pw}'|base64 --decode",
      "kubectl get secret s -o jsonpath='{.data.pw}' | base64 -d",
    );
    expect(
      diff('kubectl describe node n1 | grep -i taint', 'kubectl describe node n1 | grep -i taints'),
    ).toEqual({
      correct: false,
      typed: [same('kubectl describe node n1 | grep -i'), wrong('taint')],
      expected: [same('kubectl describe node n1 | grep -i'), missing('taints')],
    });
    expect(
      diff('grep -v Running | kubectl get pods', 'kubectl get pods | grep -v Running'),
    ).toEqual({
      correct: false,
      typed: [wrong('grep'), extra('-v Running'), same('|'), wrong('kubectl'), extra('get pods')],
      expected: [missing('kubectl get pods'), same('|'), missing('grep -v Running')],
    });
    expect(diff('kubectl get pods | grep web', 'kubectl get pods')).toEqual({
      correct: false,
      typed: [same('kubectl get pods'), extra('| grep web')],
      expected: [same('kubectl get pods')],
    });
    expect(diff('kubectl get pods && wc -l', 'kubectl get pods | wc -l')).toEqual({
      correct: false,
      typed: [same('kubectl get pods'), wrong('&&'), same('wc -l')],
      expected: [same('kubectl get pods'), missing('|'), same('wc -l')],
    });
  });

  it('keeps redirections as positional words, glued or not', () => {
    expectCorrect(
      'kubectl run nginx --image=nginx -o yaml --dry-run=client >pod.yaml',
      'kubectl run nginx --image=nginx --dry-run=client -o yaml > pod.yaml',
    );
    expectCorrect('kubectl logs web 2>&1 | grep error', 'kubectl logs web 2>&1 | grep error');
    expect(
      diff('kubectl get deploy web -o yaml > web.yml', 'kubectl get deploy web -o yaml > web.yaml'),
    ).toEqual({
      correct: false,
      typed: [same('kubectl get deploy web -o yaml >'), wrong('web.yml')],
      expected: [same('kubectl get deploy web -o yaml >'), missing('web.yaml')],
    });
  });

  it('ignores a trailing \\ line continuation (and \\ + newline)', () => {
    expect(diff('kubectl get pods \\', 'kubectl get pods')).toEqual({
      correct: true,
      typed: [same('kubectl get pods')],
      expected: [same('kubectl get pods')],
    });
    expectCorrect(
      'kubectl run web \\\n  --image=nginx \\\n  --port=80',
      'kubectl run web --image=nginx --port=80',
    );
    // Pasted on one line, the lone \ between words is a continuation too.
    expectCorrect('kubectl run web \\ --image=nginx', 'kubectl run web --image=nginx');
  });

  it('drops # comments', () => {
    expectCorrect('kubectl get pods # all of them', 'kubectl get pods');
  });

  it('detects commands by name or by flags', () => {
    // kubectl et al.: case-sensitive.
    expectWrong('KUBECTL', 'kubectl');
    // An unknown command with flags: still a command.
    expectWrong('Mytool --verbose', 'mytool --verbose');
    expectCorrect('mytool run --verbose', 'mytool --verbose run');
    // Plain words: case-insensitive.
    expectCorrect('Kube Proxy', 'kube proxy');
  });
});

describe('compareTyped: edge cases', () => {
  it('empty input is never correct and shows the whole answer as missing', () => {
    expect(diff('', 'kubectl get pods -n default')).toEqual({
      correct: false,
      typed: [],
      expected: [missing('kubectl get pods -n default')],
    });
    expect(diff('　 \t', 'ClusterIP')).toEqual({
      correct: false,
      typed: [],
      expected: [missing('ClusterIP')],
    });
    expect(diff('\\', 'kubectl get pods').correct).toBe(false);
    expect(diff('', '')).toEqual({ correct: false, typed: [], expected: [] });
  });

  it('falls back to whitespace splitting on an unbalanced quote', () => {
    expect(diff("kubectl get pods -l 'app=web", 'kubectl get pods -l app=web')).toEqual({
      correct: false,
      typed: [same('kubectl get pods -l'), wrong("'app=web")],
      expected: [same('kubectl get pods -l'), missing('app=web')],
    });
    expect(
      diff('kubectl get pods -l "app=web | wc -l', 'kubectl get pods -l app=web | wc -l'),
    ).toEqual({
      correct: false,
      typed: [same('kubectl get pods -l'), wrong('"app=web'), same('| wc -l')],
      expected: [same('kubectl get pods -l'), missing('app=web'), same('| wc -l')],
    });
    expectWrong('echo $(date', 'echo $(date)');
  });

  it('never throws, and parts always join back to the normalised text', () => {
    // Deterministic pseudo-random inputs over the characters that matter.
    const alphabet = [...'ab -=|\'"\\$()`#&;<>\n　ｋ.。', '--', 'kubectl', '-n', ' -- '];
    let seed = 42;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const word = (): string =>
      Array.from({ length: next() % 12 }, () => alphabet[next() % alphabet.length]).join('');
    for (let n = 0; n < 500; n++) {
      const typed = word();
      const expected = n % 2 ? `kubectl ${word()}` : word();
      const r = compareTyped(typed, expected);
      const kinds = [...r.typed, ...r.expected].map((p) => p.kind);
      expect(r.correct).toBe(r.typed.length > 0 && kinds.every((k) => k === 'same'));
      expect(r.typed.every((p) => p.kind !== 'missing' && p.text !== '')).toBe(true);
      expect(
        r.expected.every((p) => (p.kind === 'same' || p.kind === 'missing') && p.text !== ''),
      ).toBe(true);
      // An answer typed exactly is correct unless nothing is left of it (blank, a comment).
      const self = compareTyped(typed, typed);
      expect(self.correct).toBe(self.typed.length > 0);
    }
  });

  it('joins parts with single spaces into the normalised text (blanks inside quotes kept)', () => {
    const cases: [string, string, string][] = [
      ['kubectl  get pods   -n   dev', 'kubectl get pods -n dev', 'kubectl get pods -n default'],
      [
        "kubectl exec -it web -- sh -c 'echo  hi'",
        "kubectl exec -it web -- sh -c 'echo  hi'",
        'kubectl exec web -- sh',
      ],
      ['the  api server.', 'the api server.', 'The kube-apiserver'],
    ];
    for (const [typed, shown, expected] of cases) {
      const r = compareTyped(typed, expected);
      expect(r.typed.map((p) => p.text).join(' ')).toBe(shown);
      expect(r.expected.map((p) => p.text).join(' ')).toBe(expected);
    }
  });

  it('judges an answer over MAX_COMPARED characters as whole text', () => {
    // A deck's megabyte code span: a word diff of it froze the review for seconds.
    const expected = 'a '.repeat(1 << 19);
    const wrong = compareTyped('a a', expected);
    expect(wrong.correct).toBe(false);
    expect(wrong.typed).toEqual([{ text: 'a a', kind: 'wrong' }]);
    expect(wrong.expected).toHaveLength(1);
    expect(wrong.expected[0]!.text).toHaveLength(expected.length - 1);
    expect(compareTyped(` ${expected}\t`, expected).correct).toBe(true);
    // Up to the limit, word by word as ever.
    const words = 'word '.repeat(MAX_COMPARED / 5 - 1);
    expect(compareTyped(`${words}x`, `${words}y`).expected.map((p) => p.kind)).toEqual([
      'same',
      'missing',
    ]);
  });

  it('stays fast on a huge paste', () => {
    const started = performance.now();
    // Beyond 1,000 words a kubectl paste is compared structurally, not modelled.
    const r = compareTyped(
      `kubectl get pods ${'-l a=b '.repeat(20_000)}`,
      'kubectl get pods -l a=b',
    );
    expect(r.correct).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
    // Below it, kubectl's reading: a flag given again keeps its last value.
    expect(
      compareTyped(`kubectl get pods ${'-l a=b '.repeat(400)}`, 'kubectl get pods -l a=b').correct,
    ).toBe(true);
    const w = compareTyped(`kubectl get pods ${'web '.repeat(900)}`, 'kubectl get pods web');
    expect(w.correct).toBe(false);
  });
});
