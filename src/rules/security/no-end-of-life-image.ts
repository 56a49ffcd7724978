import { END_OF_LIFE_SNAPSHOT_DATE, endOfLifeOfImage, isPastEndOfLife } from '../../reference/end-of-life.js';
import { defineRule } from '../define-rule.js';
import { imageUses } from '../helpers.js';

export default defineRule({
  id: 'no-end-of-life-image',
  pillar: 'security',
  title: 'Images run supported versions of their runtime, datastore and base OS',
  rationale:
    'A runtime, datastore or OS release past its end of life gets no more security fixes: every vulnerability found after that date stays open in production, and upgrading across several releases at once later is riskier than keeping up.',
  remediation:
    'Move the image to a supported release (for a base OS in the tag, such as -buster or -alpine3.16, to the current variant) and test the upgrade before the next end-of-life date comes.',
  requiredFrom: 'growth',
  requiredWhen: [{ from: 'launch', compliance: ['soc2', 'pci-dss', 'iso27001'] }],
  status: 'experimental',
  notes:
    'Images of Kubernetes containers (init containers included), of compose services and the base image of the final stage of each Dockerfile are matched by repository and tag against a dated table of end-of-life dates (src/reference/end-of-life.ts, from endoflife.date): Node.js, Python, Go, Eclipse Temurin, Ruby, PHP, Alpine, Debian, Ubuntu, PostgreSQL, MySQL, MariaDB, Redis, Valkey, MongoDB, Elasticsearch, OpenSearch, RabbitMQ, Kafka and Kubernetes images, including their Bitnami builds; build stages that do not ship are not checked, nor are compose files and Dockerfiles meant for development by their path. A tag names the release by its leading numbers (node:16-alpine is Node.js 16, postgres:9.6.24 is PostgreSQL 9.6) or by a codename (debian:buster); a tag less precise than the release cycle (python:3), latest or a digest alone matches nothing. The OS variant of an official image tag (-alpine3.16, -slim-buster, -focal) is checked as well. The rule compares with the date of the table, never with the clock, so a scan is reproducible; the table must be refreshed for new dates to count. Required from growth; from launch when the profile names a framework that asks for patched, supported software (SOC 2 CC7.1, PCI DSS 6.3.3, ISO 27001 A.8.8).',
  references: [
    { title: 'endoflife.date', url: 'https://endoflife.date/' },
    { title: 'Kubernetes: releases and their support period', url: 'https://kubernetes.io/releases/' },
  ],
  messages: {
    'end-of-life': (data: { user: string; image: string; release: string; eol: string; snapshot: string }) =>
      `${data.user} uses "${data.image}": ${data.release} is end of life since ${data.eol} (snapshot of ${data.snapshot}).`,
    'base-end-of-life': (data: { user: string; image: string; release: string; eol: string; snapshot: string }) =>
      `${data.user} uses "${data.image}", built on ${data.release}, end of life since ${data.eol} (snapshot of ${data.snapshot}).`,
  },
  appliesTo: (model) => imageUses(model, 'final-image').length,
  check({ model, report }) {
    for (const use of imageUses(model, 'final-image')) {
      for (const match of endOfLifeOfImage(use.image)) {
        if (!isPastEndOfLife(match.release)) continue;
        report({
          messageId: match.part === 'image' ? 'end-of-life' : 'base-end-of-life',
          data: {
            user: use.user,
            image: use.image,
            release: `${match.product.title} ${match.release.cycle}`,
            eol: match.release.eol,
            snapshot: END_OF_LIFE_SNAPSHOT_DATE,
          },
          node: use.node,
          at: use.at,
        });
      }
    }
  },
});
