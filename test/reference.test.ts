import { describe, expect, it } from 'vitest';
import {
  END_OF_LIFE_PRODUCTS,
  END_OF_LIFE_SNAPSHOT_DATE,
  endOfLifeOfImage,
  endOfLifeRelease,
  isPastEndOfLife,
} from '../src/reference/end-of-life.js';
import {
  apiGroupOf,
  engineOfImage,
  OPERATOR_KINDS,
  operatorKindOf,
  parseImageReference,
  STATEFUL_ENGINES,
} from '../src/reference/engines.js';
import {
  describeEquivalent,
  hasManagedEquivalent,
  MANAGED_CLOUDS,
  MANAGED_EQUIVALENTS,
} from '../src/reference/managed-equivalents.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date: `2025-02-30` reads back as another day. */
function isCalendarDate(text: string): boolean {
  return ISO_DATE.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

describe('engines', () => {
  it.each([
    ['postgres:16.4', 'postgresql'],
    [
      'docker.io/library/postgres:11@sha256:2b1a7f7c9e3d5b6a8c0e2f4a6b8d0c2e4f6a8b0d2c4e6f8a0b2d4c6e8f0a2b4c',
      'postgresql',
    ],
    ['ghcr.io/cloudnative-pg/postgresql:16.2-bookworm', 'postgresql'],
    ['bitnamilegacy/postgresql-repmgr:15.4.0', 'postgresql'],
    ['timescale/timescaledb-ha:pg16', 'postgresql'],
    ['registry.example.com:5000/mirror/mysql:8.4', 'mysql'],
    ['bitnami/mariadb-galera:11.4', 'mariadb'],
    ['percona/percona-server-mongodb:7.0.14', 'mongodb'],
    ['mongodb/mongodb-community-server:7.0-ubuntu2204', 'mongodb'],
    ['valkey/valkey:8.0-alpine', 'redis'],
    ['REDIS:7', 'redis'],
    ['docker.elastic.co/elasticsearch/elasticsearch:8.15.3', 'elasticsearch'],
    ['opensearchproject/opensearch:2.17.1', 'elasticsearch'],
    ['apache/kafka-native:3.9.0', 'kafka'],
    ['confluentinc/cp-server:7.7.1', 'kafka'],
    ['quay.io/strimzi/kafka:0.44.0-kafka-3.8.0', 'kafka'],
    ['rabbitmq:4.1-management-alpine', 'rabbitmq'],
    ['synadia/nats-server:2.10', 'nats'],
    ['k8ssandra/cass-management-api:4.1.5', 'cassandra'],
    ['quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z', 'minio'],
  ])('%s runs %s', (image, engine) => {
    expect(engineOfImage(image)?.engine).toBe(engine);
  });

  it.each([
    'registry.example.com/shop/api:1.4.2',
    'oliver006/redis_exporter:v1.62.0',
    'prometheuscommunity/postgres-exporter:v0.15.0',
    'nginx:1.27',
    'postgres-backup:1.0',
  ])('%s runs no stateful engine', (image) => {
    expect(engineOfImage(image)).toBeUndefined();
  });

  it('splits image references as container runtimes do', () => {
    expect(parseImageReference('redis')).toEqual({
      registry: 'docker.io',
      repository: 'library/redis',
      name: 'redis',
      tag: undefined,
      digest: undefined,
    });
    expect(parseImageReference('localhost:5000/team/app:1.2@sha256:abc')).toEqual({
      registry: 'localhost:5000',
      repository: 'team/app',
      name: 'app',
      tag: '1.2',
      digest: 'sha256:abc',
    });
    expect(parseImageReference('index.docker.io/bitnami/kafka:3.6').registry).toBe('docker.io');
    expect(parseImageReference('quay.io/minio/minio').repository).toBe('minio/minio');
  });

  it('reads API groups and operator kinds', () => {
    expect(apiGroupOf('postgresql.cnpg.io/v1')).toBe('postgresql.cnpg.io');
    expect(apiGroupOf('v1')).toBe('');
    expect(operatorKindOf({ apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'Kafka' })?.engine).toBe('kafka');
    expect(operatorKindOf({ apiVersion: 'acid.zalan.do/v1', kind: 'postgresql' })?.engine).toBe('postgresql');
    expect(operatorKindOf({ apiVersion: 'rabbitmq.com/v1beta1', kind: 'RabbitmqCluster' })?.engine).toBe('rabbitmq');
    expect(operatorKindOf({ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Backup' })).toBeUndefined();
    expect(operatorKindOf({ apiVersion: 'apps/v1', kind: 'Cluster' })).toBeUndefined();
  });

  it('has operator kinds of known engines, each group and kind once', () => {
    const engines = new Set<string>(STATEFUL_ENGINES.map((entry) => entry.engine));
    const keys = OPERATOR_KINDS.map((entry) => `${entry.group}/${entry.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of OPERATOR_KINDS) {
      expect(engines.has(entry.engine), entry.kind).toBe(true);
      expect(entry.group).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    }
  });

  it('gives each image name to one engine only', () => {
    const names = STATEFUL_ENGINES.flatMap((entry) => [...entry.images]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('managed equivalents', () => {
  it('answers every engine on every cloud, with a service or a reason', () => {
    for (const { engine } of STATEFUL_ENGINES) {
      const entry = MANAGED_EQUIVALENTS[engine];
      expect(entry.burden.length, engine).toBeGreaterThan(10);
      expect(entry.source.length, engine).toBeGreaterThan(10);
      for (const cloud of MANAGED_CLOUDS) {
        const answer = entry[cloud];
        if (answer.available) expect(answer.service.length, `${engine} ${cloud}`).toBeGreaterThan(2);
        else expect(answer.reason.length, `${engine} ${cloud}`).toBeGreaterThan(10);
      }
    }
    expect(Object.keys(MANAGED_EQUIVALENTS).sort()).toEqual(STATEFUL_ENGINES.map((entry) => entry.engine).sort());
  });

  it('names the services of the equivalence table', () => {
    expect(describeEquivalent('postgresql', 'azure')).toBe('Azure: Azure Database for PostgreSQL flexible server');
    expect(describeEquivalent('kafka', 'aws')).toBe('AWS: Amazon MSK (provisioned or serverless)');
    expect(describeEquivalent('rabbitmq', 'azure')).toBe(
      "Azure: Azure Service Bus — another protocol (AMQP 1.0, not RabbitMQ's AMQP 0-9-1): clients must change",
    );
    expect(describeEquivalent('cassandra', 'gcp')).toMatch(/^GCP: none \(no first-party Cassandra service/);
    expect(hasManagedEquivalent('nats')).toBe(false);
    expect(hasManagedEquivalent('minio')).toBe(true);
  });
});

describe('end of life', () => {
  it('has a snapshot date', () => {
    expect(isCalendarDate(END_OF_LIFE_SNAPSHOT_DATE)).toBe(true);
  });

  it('dates every release with a source, each cycle once per product', () => {
    for (const product of END_OF_LIFE_PRODUCTS) {
      expect(product.releases.length, product.product).toBeGreaterThan(0);
      expect(product.meaning.length, product.product).toBeGreaterThan(5);
      const cycles = product.releases.map((release) => release.cycle);
      expect(new Set(cycles).size, product.product).toBe(cycles.length);
      for (const release of product.releases) {
        expect(release.cycle, product.product).toMatch(/^\d+(\.\d+)*$/);
        expect(isCalendarDate(release.eol), `${product.product} ${release.cycle} ${release.eol}`).toBe(true);
        expect(release.source, `${product.product} ${release.cycle}`).toMatch(
          /^(resilience\.md §5\.2 \(endoflife-date\/endoflife\.date@a70eca3 products\/[a-z-]+\.md\)|endoflife-date\/endoflife\.date@[0-9a-f]{8} products\/[a-z-]+\.md)$/,
        );
        expect(release.source, `${product.product} ${release.cycle}`).toContain(`products/${product.product}.md`);
      }
      for (const image of product.images) expect(image, product.product).toMatch(/^[a-z0-9.-]+\/[a-z0-9._/-]+$/);
      for (const cycle of Object.values(product.aliases ?? {})) expect(cycle, product.product).toMatch(/^\d+(\.\d+)*$/);
    }
    const ids = END_OF_LIFE_PRODUCTS.map((product) => product.product);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers the runtimes, base images, datastores and Kubernetes', () => {
    expect(END_OF_LIFE_PRODUCTS.map((product) => product.product)).toEqual(
      expect.arrayContaining([
        'nodejs',
        'python',
        'go',
        'eclipse-temurin',
        'ruby',
        'php',
        'alpine-linux',
        'debian',
        'ubuntu',
        'postgresql',
        'mysql',
        'mariadb',
        'redis',
        'mongodb',
        'elasticsearch',
        'rabbitmq',
        'apache-kafka',
        'kubernetes',
      ]),
    );
  });

  /** `Product cycle eol part` for each match of an image. */
  function matched(image: string): string[] {
    return endOfLifeOfImage(image).map(
      (match) => `${match.product.product} ${match.release.cycle} ${match.release.eol} ${match.part}`,
    );
  }

  it.each([
    ['postgres:11', ['postgresql 11 2023-11-09 image']],
    ['postgres:9.6.24-alpine', ['postgresql 9.6 2021-11-11 image']],
    ['docker.io/library/postgres:13.16@sha256:2b1a7f7c', ['postgresql 13 2025-11-13 image']],
    ['node:16-alpine', ['nodejs 16 2023-09-11 image']],
    ['node:18.20.4-alpine3.19', ['nodejs 18 2025-04-30 image', 'alpine-linux 3.19 2025-11-01 base']],
    ['cimg/node:20.11', ['nodejs 20 2026-04-30 image']],
    ['python:3.8-slim', ['python 3.8 2024-10-07 image']],
    ['python:3.11-slim-buster', ['python 3.11 2027-10-31 image', 'debian 10 2024-06-30 base']],
    ['redis:6.0', ['redis 6.0 2022-05-31 image']],
    ['bitnamilegacy/redis:7.0.15-debian-12-r0', ['redis 7.0 2024-07-29 image']],
    ['golang:1.21-bullseye', ['go 1.21 2024-08-13 image', 'debian 11 2026-08-31 base']],
    ['eclipse-temurin:11.0.21_9-jre-focal', ['eclipse-temurin 11 2027-10-31 image', 'ubuntu 20.04 2025-05-31 base']],
    ['eclipse-temurin:8u392-b08-jdk', ['eclipse-temurin 8 2030-12-31 image']],
    ['ruby:2.7-alpine3.16', ['ruby 2.7 2023-03-31 image', 'alpine-linux 3.16 2024-05-23 base']],
    ['php:8.1-fpm', ['php 8.1 2025-12-31 image']],
    ['debian:buster-slim', ['debian 10 2024-06-30 image']],
    ['ubuntu:focal-20240123', ['ubuntu 20.04 2025-05-31 image']],
    ['ubuntu:22.04', ['ubuntu 22.04 2027-04-01 image']],
    ['alpine:3.18.4', ['alpine-linux 3.18 2025-05-09 image']],
    ['mongo:4.4.29-focal', ['mongodb 4.4 2024-02-29 image', 'ubuntu 20.04 2025-05-31 base']],
    ['mysql:5.7.44-oracle', ['mysql 5.7 2023-10-31 image']],
    ['mariadb:10.6', ['mariadb 10.6 2026-07-06 image']],
    ['docker.elastic.co/elasticsearch/elasticsearch:6.8.23', ['elasticsearch 6 2022-02-10 image']],
    ['rabbitmq:3.12-management', ['rabbitmq 3.12 2024-06-30 image']],
    ['bitnami/kafka:3.6.2', ['apache-kafka 3.6 2024-02-27 image']],
    ['registry.k8s.io/kube-proxy:v1.27.3', ['kubernetes 1.27 2024-06-28 image']],
    [
      'kindest/node:v1.31.0@sha256:53df588e04085fd41ae12de0c3fe4c72f7013bba32a20e7325357a1ac94ba865',
      ['kubernetes 1.31 2025-10-28 image'],
    ],
  ])('%s', (image, expected) => {
    expect(matched(image)).toEqual(expected);
  });

  it.each([
    'postgres',
    'postgres:latest',
    'postgres@sha256:2b1a7f7c9e3d5b6a8c0e2f4a6b8d0c2e4f6a8b0d2c4e6f8a0b2d4c6e8f0a2b4c',
    'python:3',
    'python:3-alpine',
    'node:lts-alpine',
    'redis:6.2.14',
    'confluentinc/cp-kafka:7.4.0',
    'registry.example.com/shop/api:16.0.1-buster',
    'golang:1.24',
    'debian:stable-slim',
  ])('%s matches no dated release', (image) => {
    expect(matched(image)).toEqual([]);
  });

  it('compares with the snapshot date, not the clock', () => {
    const postgres14 = endOfLifeRelease('postgresql', '14.13');
    const postgres15 = endOfLifeRelease('postgresql', '15');
    expect(postgres14?.eol).toBe('2026-11-12');
    expect(postgres14 && isPastEndOfLife(postgres14)).toBe(true);
    expect(postgres14 && isPastEndOfLife(postgres14, '2026-11-11')).toBe(false);
    expect(postgres15 && isPastEndOfLife(postgres15)).toBe(false);
    expect(endOfLifeRelease('kubernetes', 'v1.34.2')?.eol).toBe('2026-10-27');
    expect(endOfLifeRelease('amazon-eks', '1.34')?.eol).toBe('2026-12-02');
    expect(endOfLifeRelease('kubernetes', '1')).toBeUndefined();
  });
});
