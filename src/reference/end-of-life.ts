import { parseImageReference } from './engines.js';

/**
 * End-of-life dates of runtimes, base images, datastores and Kubernetes minor versions, keyed
 * so that a container image tag can be matched (`postgres:11`, `node:16-alpine`,
 * `python:3.8-slim-buster`, `redis:6.0`).
 *
 * A dated snapshot: rules compare each date with `END_OF_LIFE_SNAPSHOT_DATE`, never with the
 * clock, so two scans of one tree give the same findings. Each release names its source:
 * - the research notes `resilience.md` §5.2, compiled on 2026-11-29 from
 *   `endoflife-date/endoflife.date` at commit a70eca3 (2026-08-22);
 * - for versions those notes leave out, the stored copy of the same repository's
 *   `products/<product>.md` at the commit named in the entry.
 * Only versions for which the source gives a date are listed; a version with no date (still
 * supported, or left open by the source) matches nothing. Vendors move dates: refresh the
 * table, and this snapshot date, before each release.
 */
export const END_OF_LIFE_SNAPSHOT_DATE = '2026-11-29';

export interface EndOfLifeRelease {
  /** The release cycle as the product numbers it: `16`, `3.8`, `1.27`, `20.04`. */
  readonly cycle: string;
  /** YYYY-MM-DD: from this day on the release gets no more fixes (see the product's `meaning`). */
  readonly eol: string;
  readonly source: string;
}

export interface EndOfLifeProduct {
  /** The endoflife.date product id. */
  readonly product: string;
  readonly title: string;
  readonly kind: 'runtime' | 'operating-system' | 'datastore' | 'kubernetes';
  /**
   * Images whose tag starts with the product's version, as `registry/repository` (Docker Hub
   * as `docker.io/…`). Bitnami images match under `bitnamilegacy/` too.
   */
  readonly images: readonly string[];
  /** Which of the product's support dates `eol` is. */
  readonly meaning: string;
  /** Release names used in tags instead of numbers: `bookworm` → `12`. */
  readonly aliases?: Readonly<Record<string, string>>;
  readonly releases: readonly EndOfLifeRelease[];
}

/** The research notes' table (§5.2), which read endoflife.date at commit a70eca3. */
function fromNotes(product: string): string {
  return `resilience.md §5.2 (endoflife-date/endoflife.date@a70eca3 products/${product}.md)`;
}

/** A stored copy of endoflife.date's product file at a commit. */
function fromCopy(product: string, commit: string): string {
  return `endoflife-date/endoflife.date@${commit} products/${product}.md`;
}

function dated(source: string, entries: readonly (readonly [cycle: string, eol: string])[]): EndOfLifeRelease[] {
  return entries.map(([cycle, eol]) => ({ cycle, eol, source }));
}

/** Docker Hub repositories, written without the host. */
function hub(...repositories: readonly string[]): string[] {
  return repositories.map((repository) => `docker.io/${repository}`);
}

const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  wheezy: '7',
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
};

const UBUNTU_CODENAMES: Readonly<Record<string, string>> = {
  trusty: '14.04',
  xenial: '16.04',
  bionic: '18.04',
  focal: '20.04',
  jammy: '22.04',
  kinetic: '22.10',
  lunar: '23.04',
  mantic: '23.10',
  noble: '24.04',
  oracular: '24.10',
  plucky: '25.04',
  questing: '25.10',
  resolute: '26.04',
};

const KUBERNETES_IMAGES = [
  ...['registry.k8s.io', 'k8s.gcr.io'].flatMap((registry) =>
    ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'kubectl'].map(
      (name) => `${registry}/${name}`,
    ),
  ),
  ...hub('kindest/node', 'rancher/k3s', 'bitnami/kubectl'),
];

export const END_OF_LIFE_PRODUCTS: readonly EndOfLifeProduct[] = [
  {
    product: 'nodejs',
    title: 'Node.js',
    kind: 'runtime',
    images: hub('library/node', 'bitnami/node', 'cimg/node', 'circleci/node'),
    meaning: 'end of life (no more releases, security ones included)',
    releases: [
      ...dated(fromNotes('nodejs'), [
        ['18', '2025-04-30'],
        ['20', '2026-04-30'],
        ['22', '2027-04-30'],
        ['24', '2028-04-30'],
        ['25', '2026-06-01'],
        ['26', '2029-04-30'],
      ]),
      ...dated(fromCopy('nodejs', '012fdfa9'), [
        ['4', '2018-04-30'],
        ['5', '2016-06-30'],
        ['6', '2019-04-30'],
        ['7', '2017-06-30'],
        ['8', '2019-12-31'],
        ['9', '2018-06-30'],
        ['10', '2021-04-30'],
        ['11', '2019-06-30'],
        ['12', '2022-04-30'],
        ['13', '2020-06-01'],
        ['14', '2023-04-30'],
        ['15', '2021-06-01'],
        ['16', '2023-09-11'],
        ['17', '2022-06-01'],
        ['19', '2023-06-01'],
        ['21', '2024-06-01'],
      ]),
    ],
  },
  {
    product: 'python',
    title: 'Python',
    kind: 'runtime',
    images: hub('library/python', 'circleci/python', 'bitnami/python'),
    meaning: 'end of life (no more releases, security ones included)',
    releases: [
      ...dated(fromNotes('python'), [
        ['3.9', '2025-10-31'],
        ['3.10', '2026-10-31'],
        ['3.11', '2027-10-31'],
        ['3.12', '2028-10-31'],
        ['3.13', '2029-10-31'],
        ['3.14', '2030-10-31'],
      ]),
      ...dated(fromCopy('python', 'ddbcb193'), [
        ['2.7', '2020-01-01'],
        ['3.3', '2017-09-29'],
        ['3.4', '2019-03-18'],
        ['3.5', '2020-09-30'],
        ['3.6', '2021-12-23'],
        ['3.7', '2023-06-27'],
        ['3.8', '2024-10-07'],
      ]),
    ],
  },
  {
    product: 'go',
    title: 'Go',
    kind: 'runtime',
    images: hub('library/golang', 'circleci/golang', 'cimg/go', 'bitnami/golang'),
    meaning: 'end of support (two newer releases are out)',
    releases: [
      ...dated(fromNotes('go'), [['1.25', '2026-08-19']]),
      ...dated(fromCopy('go', 'ddbcb193'), [
        ['1.10', '2019-02-25'],
        ['1.11', '2019-09-03'],
        ['1.12', '2020-02-25'],
        ['1.13', '2020-08-11'],
        ['1.14', '2021-02-16'],
        ['1.15', '2021-08-16'],
        ['1.16', '2022-03-15'],
        ['1.17', '2022-08-02'],
        ['1.18', '2023-02-01'],
        ['1.19', '2023-09-06'],
        ['1.20', '2024-02-06'],
        ['1.21', '2024-08-13'],
        ['1.22', '2025-02-11'],
      ]),
    ],
  },
  {
    product: 'eclipse-temurin',
    title: 'Eclipse Temurin (Java)',
    kind: 'runtime',
    images: hub('library/eclipse-temurin'),
    meaning: 'end of availability of Temurin builds',
    releases: [
      ...dated(fromNotes('eclipse-temurin'), [
        ['8', '2030-12-31'],
        ['11', '2027-10-31'],
        ['17', '2027-10-31'],
        ['21', '2029-12-31'],
        ['25', '2031-09-30'],
        ['26', '2026-09-15'],
      ]),
      ...dated(fromCopy('eclipse-temurin', '01506454'), [
        ['16', '2021-09-30'],
        ['18', '2022-09-30'],
        ['19', '2023-03-31'],
        ['20', '2023-09-19'],
        ['22', '2024-09-17'],
        ['23', '2025-03-18'],
      ]),
    ],
  },
  {
    product: 'ruby',
    title: 'Ruby',
    kind: 'runtime',
    images: hub('library/ruby'),
    meaning: 'end of life (no more releases, security ones included)',
    releases: dated(fromCopy('ruby', '02ce42c2'), [
      ['2.3', '2019-03-31'],
      ['2.4', '2020-03-31'],
      ['2.5', '2021-03-31'],
      ['2.6', '2022-03-31'],
      ['2.7', '2023-03-31'],
      ['3.0', '2024-04-23'],
      ['3.1', '2025-03-31'],
      ['3.2', '2026-03-31'],
      ['3.3', '2027-03-31'],
      ['3.4', '2028-03-31'],
      ['4.0', '2029-03-31'],
    ]),
  },
  {
    product: 'php',
    title: 'PHP',
    kind: 'runtime',
    images: hub('library/php'),
    meaning: 'end of security support',
    releases: dated(fromCopy('php', '0118c303'), [
      ['5.6', '2018-12-31'],
      ['7.0', '2019-01-10'],
      ['7.1', '2019-12-01'],
      ['7.2', '2020-11-30'],
      ['7.3', '2021-12-06'],
      ['7.4', '2022-11-28'],
      ['8.0', '2023-11-26'],
      ['8.1', '2025-12-31'],
      ['8.2', '2026-12-31'],
      ['8.3', '2027-12-31'],
      ['8.4', '2028-12-31'],
      ['8.5', '2029-12-31'],
    ]),
  },
  {
    product: 'alpine-linux',
    title: 'Alpine Linux',
    kind: 'operating-system',
    images: hub('library/alpine'),
    meaning: 'end of support',
    releases: [
      ...dated(fromNotes('alpine-linux'), [
        ['3.20', '2026-04-01'],
        ['3.21', '2026-11-01'],
        ['3.22', '2027-05-01'],
        ['3.23', '2027-11-01'],
        ['3.24', '2028-06-01'],
      ]),
      ...dated(fromCopy('alpine-linux', '0118c303'), [
        ['3.5', '2018-11-01'],
        ['3.6', '2019-05-01'],
        ['3.7', '2019-11-01'],
        ['3.8', '2020-05-01'],
        ['3.9', '2020-11-01'],
        ['3.10', '2021-05-01'],
        ['3.11', '2021-11-01'],
        ['3.12', '2022-05-01'],
        ['3.13', '2022-11-01'],
        ['3.14', '2023-05-01'],
        ['3.15', '2023-11-01'],
        ['3.16', '2024-05-23'],
        ['3.17', '2024-11-22'],
        ['3.18', '2025-05-09'],
        ['3.19', '2025-11-01'],
      ]),
    ],
  },
  {
    product: 'debian',
    title: 'Debian',
    kind: 'operating-system',
    images: hub('library/debian'),
    meaning: 'end of Debian LTS, the last free security updates',
    aliases: DEBIAN_CODENAMES,
    releases: [
      ...dated(fromNotes('debian'), [
        ['11', '2026-08-31'],
        ['12', '2028-06-30'],
      ]),
      ...dated(fromCopy('debian', '007fc5ab'), [
        ['7', '2018-05-31'],
        ['8', '2020-06-30'],
        ['9', '2022-07-01'],
        ['10', '2024-06-30'],
      ]),
    ],
  },
  {
    product: 'ubuntu',
    title: 'Ubuntu',
    kind: 'operating-system',
    images: hub('library/ubuntu'),
    meaning: 'end of standard support (Expanded Security Maintenance needs Ubuntu Pro)',
    aliases: UBUNTU_CODENAMES,
    releases: [
      ...dated(fromNotes('ubuntu'), [
        ['20.04', '2025-05-31'],
        ['22.04', '2027-04-01'],
        ['24.04', '2029-05-31'],
        ['26.04', '2031-04-30'],
      ]),
      ...dated(fromCopy('ubuntu', '021ca13a'), [
        ['14.04', '2019-04-02'],
        ['16.04', '2021-04-02'],
        ['18.04', '2023-05-31'],
        ['22.10', '2023-07-20'],
        ['23.04', '2024-01-20'],
        ['23.10', '2024-07-12'],
        ['24.10', '2025-07-10'],
        ['25.04', '2026-01-17'],
        ['25.10', '2026-07-01'],
      ]),
    ],
  },
  {
    product: 'postgresql',
    title: 'PostgreSQL',
    kind: 'datastore',
    images: hub('library/postgres', 'bitnami/postgresql'),
    meaning: 'final release of the major version',
    releases: [
      ...dated(fromNotes('postgresql'), [
        ['13', '2025-11-13'],
        ['14', '2026-11-12'],
        ['15', '2027-11-11'],
        ['16', '2028-11-09'],
        ['17', '2029-11-08'],
        ['18', '2030-11-14'],
      ]),
      ...dated(fromCopy('postgresql', '028b95ee'), [
        ['9.3', '2018-11-08'],
        ['9.4', '2020-02-13'],
        ['9.5', '2021-02-11'],
        ['9.6', '2021-11-11'],
        ['10', '2022-11-10'],
        ['11', '2023-11-09'],
        ['12', '2024-11-14'],
      ]),
    ],
  },
  {
    product: 'mysql',
    title: 'MySQL',
    kind: 'datastore',
    images: hub('library/mysql', 'bitnami/mysql'),
    meaning: 'end of extended support (innovation releases: when the next release ships)',
    releases: [
      ...dated(fromNotes('mysql'), [
        ['8.0', '2026-04-30'],
        ['8.4', '2032-04-30'],
        ['9.7', '2034-04-21'],
      ]),
      ...dated(fromCopy('mysql', '01cfb26c'), [
        ['5.5', '2018-12-31'],
        ['5.6', '2021-02-28'],
        ['5.7', '2023-10-31'],
        ['8.1', '2023-10-25'],
        ['8.2', '2023-12-14'],
        ['8.3', '2024-04-10'],
        ['9.0', '2024-10-15'],
        ['9.1', '2025-01-21'],
        ['9.2', '2025-04-15'],
        ['9.3', '2025-07-22'],
        ['9.4', '2025-10-21'],
        ['9.5', '2026-01-20'],
        ['9.6', '2026-04-21'],
      ]),
    ],
  },
  {
    product: 'mariadb',
    title: 'MariaDB',
    kind: 'datastore',
    images: hub('library/mariadb', 'bitnami/mariadb', 'bitnami/mariadb-galera'),
    meaning: 'end of maintenance by the MariaDB Foundation',
    releases: dated(fromCopy('mariadb', '001f4597'), [
      ['5.5', '2020-04-11'],
      ['10.0', '2019-03-31'],
      ['10.1', '2020-10-17'],
      ['10.2', '2022-05-23'],
      ['10.3', '2023-05-25'],
      ['10.4', '2024-06-18'],
      ['10.5', '2025-06-24'],
      ['10.6', '2026-07-06'],
      ['10.7', '2023-02-14'],
      ['10.8', '2023-05-20'],
      ['10.9', '2023-08-22'],
      ['10.10', '2023-11-17'],
      ['10.11', '2028-02-16'],
    ]),
  },
  {
    product: 'redis',
    title: 'Redis',
    kind: 'datastore',
    images: hub('library/redis', 'redislabs/redis', 'bitnami/redis', 'ubuntu/redis', 'circleci/redis', 'cimg/redis'),
    meaning: 'end of maintenance',
    releases: [
      ...dated(fromNotes('redis'), [
        ['7.0', '2024-07-29'],
        ['7.2', '2029-12-01'],
        ['7.4', '2029-12-01'],
        ['8.0', '2026-12-01'],
        ['8.2', '2030-09-01'],
      ]),
      ...dated(fromCopy('redis', '0118c303'), [
        ['5.0', '2022-04-27'],
        ['6.0', '2022-05-31'],
      ]),
    ],
  },
  {
    product: 'valkey',
    title: 'Valkey',
    kind: 'datastore',
    images: hub('valkey/valkey'),
    meaning: 'end of maintenance',
    releases: dated(fromNotes('valkey'), [
      ['7.2', '2029-04-16'],
      ['8.0', '2027-09-15'],
      ['8.1', '2030-03-31'],
      ['9.0', '2028-10-21'],
    ]),
  },
  {
    product: 'mongodb',
    title: 'MongoDB Server',
    kind: 'datastore',
    images: hub('library/mongo', 'bitnami/mongodb', 'mongodb/mongodb-community-server'),
    meaning: 'end of life (rapid releases: supported in Atlas only, end when the next one ships)',
    releases: [
      ...dated(fromNotes('mongodb'), [
        ['5.0', '2024-10-31'],
        ['6.0', '2025-07-31'],
        ['7.0', '2027-08-31'],
        ['8.0', '2029-10-31'],
        ['8.2', '2026-07-31'],
        ['8.3', '2029-10-31'],
      ]),
      ...dated(fromCopy('mongodb', '02ce42c2'), [
        ['3.2', '2018-09-30'],
        ['3.4', '2020-01-31'],
        ['3.6', '2021-04-30'],
        ['4.0', '2022-04-30'],
        ['4.2', '2023-04-30'],
        ['4.4', '2024-02-29'],
        ['5.1', '2022-01-18'],
        ['5.2', '2022-03-23'],
        ['5.3', '2022-07-31'],
        ['6.1', '2023-02-09'],
        ['6.2', '2023-04-24'],
        ['6.3', '2023-08-31'],
        ['7.1', '2024-01-23'],
        ['7.2', '2024-03-27'],
        ['7.3', '2024-10-31'],
        ['8.1', '2025-09-30'],
      ]),
    ],
  },
  {
    product: 'elasticsearch',
    title: 'Elasticsearch',
    kind: 'datastore',
    images: [...hub('library/elasticsearch', 'bitnami/elasticsearch'), 'docker.elastic.co/elasticsearch/elasticsearch'],
    meaning: 'end of maintenance',
    releases: [
      ...dated(fromNotes('elasticsearch'), [
        ['8.19', '2027-07-15'],
        ['9.3', '2026-08-04'],
      ]),
      ...dated(fromCopy('elasticsearch', 'ddbcb193'), [['6', '2022-02-10']]),
    ],
  },
  {
    product: 'opensearch',
    title: 'OpenSearch',
    kind: 'datastore',
    images: hub('opensearchproject/opensearch'),
    meaning: 'end of maintenance',
    releases: dated(fromNotes('opensearch'), [['1', '2025-05-06']]),
  },
  {
    product: 'rabbitmq',
    title: 'RabbitMQ',
    kind: 'datastore',
    images: hub('library/rabbitmq', 'bitnami/rabbitmq'),
    meaning: 'end of community support',
    releases: [
      ...dated(fromNotes('rabbitmq'), [
        ['4.1', '2026-01-30'],
        ['4.2', '2026-07-31'],
      ]),
      ...dated(fromCopy('rabbitmq', '008665ec'), [
        ['3.6', '2018-05-31'],
        ['3.7', '2020-09-30'],
        ['3.8', '2022-07-31'],
        ['3.9', '2023-01-31'],
        ['3.10', '2023-07-31'],
        ['3.11', '2023-12-31'],
        ['3.12', '2024-06-30'],
      ]),
    ],
  },
  {
    product: 'apache-kafka',
    title: 'Apache Kafka',
    kind: 'datastore',
    images: hub('apache/kafka', 'apache/kafka-native', 'bitnami/kafka'),
    meaning: 'end of upstream support (superseded by the next minor release)',
    releases: [
      ...dated(fromNotes('apache-kafka'), [['3.8', '2024-11-06']]),
      ...dated(fromCopy('apache-kafka', '02fea156'), [
        ['2.0', '2018-11-20'],
        ['2.1', '2019-03-22'],
        ['2.2', '2019-12-01'],
        ['2.3', '2019-12-16'],
        ['2.4', '2020-04-15'],
        ['2.5', '2020-08-10'],
        ['2.6', '2021-11-15'],
        ['2.7', '2021-11-15'],
        ['2.8', '2022-09-19'],
        ['3.0', '2022-09-19'],
        ['3.1', '2022-09-19'],
        ['3.2', '2022-09-28'],
        ['3.3', '2023-02-06'],
        ['3.4', '2023-06-13'],
        ['3.5', '2023-10-03'],
        ['3.6', '2024-02-27'],
        ['3.7', '2024-07-26'],
      ]),
    ],
  },
  {
    product: 'kubernetes',
    title: 'Kubernetes',
    kind: 'kubernetes',
    images: KUBERNETES_IMAGES,
    meaning: 'end of upstream maintenance support',
    releases: [
      ...dated(fromNotes('kubernetes'), [
        ['1.32', '2026-02-28'],
        ['1.33', '2026-06-28'],
        ['1.34', '2026-10-27'],
        ['1.35', '2027-02-28'],
        ['1.36', '2027-06-28'],
      ]),
      ...dated(fromCopy('kubernetes', '1852097c'), [
        ['1.16', '2020-08-04'],
        ['1.17', '2020-12-25'],
        ['1.18', '2021-06-18'],
        ['1.19', '2021-10-28'],
        ['1.20', '2022-02-28'],
        ['1.21', '2022-06-28'],
        ['1.22', '2022-10-28'],
        ['1.23', '2023-02-28'],
        ['1.24', '2023-07-28'],
        ['1.25', '2023-10-27'],
        ['1.26', '2024-02-28'],
        ['1.27', '2024-06-28'],
        ['1.28', '2024-10-28'],
        ['1.29', '2025-02-28'],
        ['1.30', '2025-06-28'],
        ['1.31', '2025-10-28'],
      ]),
    ],
  },
  {
    product: 'amazon-eks',
    title: 'Amazon EKS',
    kind: 'kubernetes',
    images: [],
    meaning: 'end of standard support (extended support, paid, runs one more year)',
    releases: dated(fromNotes('amazon-eks'), [
      ['1.32', '2026-03-23'],
      ['1.33', '2026-07-29'],
      ['1.34', '2026-12-02'],
      ['1.35', '2027-03-27'],
      ['1.36', '2027-08-02'],
    ]),
  },
  {
    product: 'azure-kubernetes-service',
    title: 'Azure Kubernetes Service',
    kind: 'kubernetes',
    images: [],
    meaning: 'end of community support (long-term support, paid, runs one more year)',
    releases: dated(fromNotes('azure-kubernetes-service'), [
      ['1.33', '2026-07-31'],
      ['1.34', '2026-11-30'],
      ['1.35', '2027-03-31'],
      ['1.36', '2027-06-30'],
    ]),
  },
  {
    product: 'google-kubernetes-engine',
    title: 'Google Kubernetes Engine',
    kind: 'kubernetes',
    images: [],
    meaning: 'end of support',
    releases: dated(fromNotes('google-kubernetes-engine'), [
      ['1.33', '2026-08-03'],
      ['1.34', '2026-10-01'],
      ['1.35', '2027-04-11'],
      ['1.36', '2027-08-09'],
    ]),
  },
];

/** A release an image runs, with its end-of-life date. */
export interface EndOfLifeMatch {
  readonly product: EndOfLifeProduct;
  readonly release: EndOfLifeRelease;
  /** `image`: the version the tag names; `base`: the OS release its variant names (`-alpine3.16`, `-buster`). */
  readonly part: 'image' | 'base';
}

function productById(product: string): EndOfLifeProduct | undefined {
  return END_OF_LIFE_PRODUCTS.find((entry) => entry.product === product);
}

/**
 * The release of a product that a version belongs to: the longest cycle whose numbers begin
 * the version (`3.8.17` → `3.8`; `16` → `16`); a version less precise than every cycle (`3`
 * for Python) matches none.
 */
export function releaseOf(product: EndOfLifeProduct, version: string): EndOfLifeRelease | undefined {
  const numbers = version.replace(/^v(?=\d)/, '').split('.');
  let best: EndOfLifeRelease | undefined;
  for (const release of product.releases) {
    const cycle = release.cycle.split('.');
    if (cycle.length > numbers.length || cycle.some((part, index) => part !== numbers[index])) continue;
    if (best === undefined || cycle.length > best.cycle.split('.').length) best = release;
  }
  return best;
}

/** A product's release for a version, by the product's endoflife.date id: `('kubernetes', '1.27.3')`. */
export function endOfLifeRelease(product: string, version: string): EndOfLifeRelease | undefined {
  const entry = productById(product);
  return entry === undefined ? undefined : releaseOf(entry, version);
}

/** The version a tag begins with, and the variant words after it: `3.8-slim-buster` → 3.8, [slim, buster]. */
function splitTag(
  tag: string,
  aliases: Readonly<Record<string, string>> | undefined,
): { readonly version: string; readonly variant: readonly string[] } | undefined {
  const withoutPrefix = tag.replace(/^v(?=\d)/, '');
  const numeric = /^(\d+(?:\.\d+)*)(.*)$/.exec(withoutPrefix);
  if (numeric !== null) {
    return { version: numeric[1] ?? '', variant: words(numeric[2] ?? '') };
  }
  const [first = '', ...rest] = words(withoutPrefix);
  const aliased = aliases?.[first];
  return aliased === undefined ? undefined : { version: aliased, variant: rest };
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[-_]+/)
    .filter((word) => word !== '');
}

/** The OS release a variant word names: `alpine3.16`, `buster`, `jammy`. */
function baseOf(word: string): { readonly product: string; readonly version: string } | undefined {
  const alpine = /^alpine(\d+\.\d+)$/.exec(word);
  if (alpine !== null) return { product: 'alpine-linux', version: alpine[1] ?? '' };
  const debian = DEBIAN_CODENAMES[word];
  if (debian !== undefined) return { product: 'debian', version: debian };
  const ubuntu = UBUNTU_CODENAMES[word];
  if (ubuntu !== undefined) return { product: 'ubuntu', version: ubuntu };
  return undefined;
}

/** `docker.io/bitnamilegacy/x` is the same image line as `docker.io/bitnami/x`. */
function imageKey(image: string): string | undefined {
  const reference = parseImageReference(image);
  if (reference.tag === undefined) return undefined;
  const repository = reference.repository.replace(/^bitnamilegacy\//, 'bitnami/');
  return `${reference.registry}/${repository}`;
}

/**
 * The dated releases an image runs, recognised from its repository and tag: its own version
 * (`node:16-alpine` → Node.js 16) and, for the images listed here, the OS release its tag
 * variant names (`python:3.11-slim-buster` → Debian 10). Empty when the image is unknown, has
 * no tag (a digest alone, or latest) or names a version without a date.
 */
export function endOfLifeOfImage(image: string): readonly EndOfLifeMatch[] {
  const key = imageKey(image);
  if (key === undefined) return [];
  const product = END_OF_LIFE_PRODUCTS.find((entry) => entry.images.includes(key));
  const tag = parseImageReference(image).tag;
  if (product === undefined || tag === undefined) return [];
  const split = splitTag(tag, product.aliases);
  if (split === undefined) return [];
  const matches: EndOfLifeMatch[] = [];
  const own = releaseOf(product, split.version);
  if (own !== undefined) matches.push({ product, release: own, part: 'image' });
  if (product.kind !== 'operating-system') {
    for (const word of split.variant) {
      const base = baseOf(word);
      const baseProduct = base === undefined ? undefined : productById(base.product);
      const release =
        base === undefined || baseProduct === undefined ? undefined : releaseOf(baseProduct, base.version);
      if (baseProduct !== undefined && release !== undefined) {
        matches.push({ product: baseProduct, release, part: 'base' });
      }
    }
  }
  return matches;
}

/** Whether a release had reached its end of life on the snapshot date (or on `on`). */
export function isPastEndOfLife(release: EndOfLifeRelease, on: string = END_OF_LIFE_SNAPSHOT_DATE): boolean {
  return release.eol <= on;
}
