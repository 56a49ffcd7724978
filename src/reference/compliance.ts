import type { ComplianceFramework } from '../core/vocabulary.js';

/** A control of a compliance framework and the practices that give evidence for it. */
export interface ComplianceControl {
  readonly framework: ComplianceFramework;
  /** As the framework numbers it: `CC7.4`, `§164.308(a)(7)(ii)(A)`, `12.10`, `Art. 32(1)(c)`, `A.8.13`. */
  readonly id: string;
  readonly title: string;
  /** Rule ids whose checks give evidence for the control. */
  readonly rules: readonly string[];
  /** Attestation ids that give evidence for it. */
  readonly attestations: readonly string[];
}

export interface FrameworkSource {
  readonly framework: ComplianceFramework;
  readonly title: string;
  /** The published text the control ids come from. */
  readonly source: string;
}

export const FRAMEWORK_SOURCES: readonly FrameworkSource[] = [
  {
    framework: 'soc2',
    title: 'SOC 2',
    source:
      'AICPA 2017 Trust Services Criteria for Security, Availability, Processing Integrity, Confidentiality, and Privacy (with revised points of focus, 2022)',
  },
  {
    framework: 'hipaa',
    title: 'HIPAA Security Rule',
    source:
      '45 CFR Part 164 Subpart C: Security Standards for the Protection of Electronic Protected Health Information',
  },
  {
    framework: 'pci-dss',
    title: 'PCI DSS',
    source: 'Payment Card Industry Data Security Standard v4.0.1 (June 2024)',
  },
  {
    framework: 'gdpr',
    title: 'GDPR',
    source: 'Regulation (EU) 2016/679 (General Data Protection Regulation)',
  },
  {
    framework: 'iso27001',
    title: 'ISO/IEC 27001',
    source: 'ISO/IEC 27001:2022, Annex A (information security controls)',
  },
];

/** Rules that keep Kubernetes API access to what a workload or person needs. */
const ACCESS_RULES = [
  'no-automounted-service-account-token',
  'no-broad-secret-access',
  'no-cluster-admin-binding',
  'no-pod-exec-access',
  'no-rbac-wildcard',
] as const;

/** Rules that keep privileged access rights (cluster-wide, root on the node, into running pods) rare. */
const PRIVILEGED_ACCESS_RULES = [
  'no-cluster-admin-binding',
  'no-pod-exec-access',
  'no-privilege-escalation',
  'no-privileged-container',
  'no-rbac-wildcard',
] as const;

/** Rules that check a container against a secure configuration baseline. */
const HARDENING_RULES = [
  'no-dangerous-capabilities',
  'no-host-namespaces',
  'no-host-port',
  'no-privilege-escalation',
  'no-privileged-container',
  'no-root-user',
  'no-sensitive-host-path',
  'require-dropped-capabilities',
  'require-read-only-root-filesystem',
  'require-seccomp-profile',
] as const;

/** Rules that restrict traffic between workloads and from outside the cluster network. */
const NETWORK_RULES = ['no-dangling-network-policy', 'no-host-port', 'require-network-policy'] as const;

/** Rules that keep a service running through the loss of a pod or a node. */
const REDUNDANCY_RULES = [
  'no-bare-pod',
  'no-single-replica-stateful-engine',
  'require-multiple-replicas',
  'require-node-spread',
  'require-pod-disruption-budget',
] as const;

/** Rules that make capacity planned and scaling work. */
const CAPACITY_RULES = [
  'no-replicas-with-autoscaler',
  'require-autoscaler-headroom',
  'require-autoscaler-minimum-replicas',
  'require-cpu-request',
  'require-cpu-request-for-cpu-autoscaling',
  'require-memory-limit',
  'require-memory-request',
  'require-valid-autoscaler-target',
] as const;

/** Rules that make what runs a known, reviewed version, rolled out without an outage. */
const CHANGE_RULES = ['no-latest-image-tag', 'require-image-digest', 'require-safe-rolling-update'] as const;

/** Rules that keep software from being changed or added at run time. */
const SOFTWARE_INTEGRITY_RULES = [
  'no-latest-image-tag',
  'require-image-digest',
  'require-read-only-root-filesystem',
] as const;

type Control = Omit<ComplianceControl, 'framework'>;

function controls(framework: ComplianceFramework, list: readonly Control[]): ComplianceControl[] {
  return list.map((control) => ({
    framework,
    ...control,
    rules: [...new Set(control.rules)],
    attestations: [...new Set(control.attestations)],
  }));
}

/**
 * For each framework, the controls for which prodready's rules or attestations give evidence. Evidence, not
 * proof: a control is met by the organisation's whole practice, which an auditor judges.
 */
export const COMPLIANCE_CONTROLS: readonly ComplianceControl[] = [
  ...controls('soc2', [
    {
      id: 'CC1.4',
      title: 'People are trained to be competent in their security responsibilities',
      rules: [],
      attestations: ['security-training'],
    },
    {
      id: 'CC2.2',
      title: 'Security responsibilities and awareness are communicated inside the organisation',
      rules: [],
      attestations: ['security-training'],
    },
    {
      id: 'CC2.3',
      title: 'External parties are told about matters that affect them, such as outages',
      rules: [],
      attestations: ['status-page'],
    },
    {
      id: 'CC4.1',
      title: 'Controls are evaluated, including by penetration testing',
      rules: [],
      attestations: ['penetration-test'],
    },
    {
      id: 'CC6.1',
      title: 'Logical access to systems and data is restricted',
      rules: [...ACCESS_RULES, 'no-secret-in-env'],
      attestations: [],
    },
    {
      id: 'CC6.2',
      title: 'Credentials are issued to authorised users and removed when no longer needed',
      rules: [],
      attestations: ['access-review'],
    },
    {
      id: 'CC6.3',
      title: 'Access follows roles and least privilege, and is changed or removed as roles change',
      rules: [...ACCESS_RULES],
      attestations: ['access-review'],
    },
    {
      id: 'CC6.6',
      title: 'The system boundary is protected against threats from outside',
      rules: [...NETWORK_RULES],
      attestations: [],
    },
    {
      id: 'CC6.8',
      title: 'Unauthorised or malicious software is prevented or detected',
      rules: [...SOFTWARE_INTEGRITY_RULES],
      attestations: [],
    },
    {
      id: 'CC7.1',
      title: 'Configurations that introduce vulnerabilities are detected',
      rules: [...HARDENING_RULES],
      attestations: [],
    },
    {
      id: 'CC7.2',
      title: 'System components are monitored for anomalies',
      rules: ['require-telemetry-export'],
      attestations: ['alerting-rules'],
    },
    {
      id: 'CC7.4',
      title: 'Incidents are responded to with a defined incident response programme',
      rules: [],
      attestations: ['incident-response-runbook', 'on-call-rotation'],
    },
    {
      id: 'CC7.5',
      title: 'Recovery from incidents is carried out and lessons are learned',
      rules: [],
      attestations: ['backup-restore-tested', 'postmortem-practice'],
    },
    {
      id: 'CC8.1',
      title: 'Changes to infrastructure and software are controlled',
      rules: [...CHANGE_RULES],
      attestations: [],
    },
    {
      id: 'A1.1',
      title: 'Processing capacity is managed to meet demand',
      rules: [...CAPACITY_RULES],
      attestations: ['load-test-at-peak'],
    },
    {
      id: 'A1.2',
      title: 'Backup processes and recovery infrastructure are in place',
      rules: [...REDUNDANCY_RULES],
      attestations: ['backup-restore-tested'],
    },
    {
      id: 'A1.3',
      title: 'Recovery plan procedures are tested',
      rules: [],
      attestations: ['backup-restore-tested', 'disaster-recovery-drill'],
    },
    {
      id: 'C1.2',
      title: 'Confidential information is disposed of when its retention period ends',
      rules: [],
      attestations: ['data-retention-policy'],
    },
  ]),
  ...controls('hipaa', [
    {
      id: '§164.308(a)(1)(ii)(D)',
      title: 'Records of system activity, such as access reports, are reviewed regularly',
      rules: [],
      attestations: ['access-review'],
    },
    {
      id: '§164.308(a)(4)',
      title: 'Access to electronic protected health information is authorised and managed',
      rules: [...ACCESS_RULES],
      attestations: ['access-review'],
    },
    {
      id: '§164.308(a)(5)',
      title: 'The workforce receives security awareness and training',
      rules: [],
      attestations: ['security-training'],
    },
    {
      id: '§164.308(a)(6)(ii)',
      title: 'Security incidents are identified, responded to, mitigated and documented',
      rules: [],
      attestations: ['incident-response-runbook', 'on-call-rotation', 'postmortem-practice'],
    },
    {
      id: '§164.308(a)(7)(ii)(A)',
      title: 'Retrievable exact copies of the data are kept (data backup plan)',
      rules: [],
      attestations: ['backup-restore-tested'],
    },
    {
      id: '§164.308(a)(7)(ii)(B)',
      title: 'Lost data can be restored (disaster recovery plan)',
      rules: [],
      attestations: ['backup-restore-tested', 'disaster-recovery-drill'],
    },
    {
      id: '§164.308(a)(7)(ii)(D)',
      title: 'Contingency plans are tested and revised',
      rules: [],
      attestations: ['backup-restore-tested', 'disaster-recovery-drill'],
    },
    {
      id: '§164.308(a)(8)',
      title: 'Security safeguards are evaluated periodically, technically and otherwise',
      rules: [],
      attestations: ['penetration-test'],
    },
    {
      id: '§164.312(a)(1)',
      title: 'Systems allow access only to the people and software granted it',
      rules: [...ACCESS_RULES, 'no-secret-in-env'],
      attestations: [],
    },
  ]),
  ...controls('pci-dss', [
    {
      id: '1.3',
      title: 'Network access to and from the cardholder data environment is restricted',
      rules: [...NETWORK_RULES],
      attestations: [],
    },
    {
      id: '2.2',
      title: 'System components are configured and managed securely',
      rules: [...HARDENING_RULES, 'no-automounted-service-account-token'],
      attestations: [],
    },
    {
      id: '3.2',
      title: 'Stored account data is kept to a minimum, with retention and disposal defined',
      rules: [],
      attestations: ['data-retention-policy'],
    },
    {
      id: '6.5',
      title: 'Changes to system components are managed securely',
      rules: [...CHANGE_RULES],
      attestations: [],
    },
    {
      id: '7.2',
      title: 'Access is defined by least privilege and accounts are reviewed periodically',
      rules: [...ACCESS_RULES],
      attestations: ['access-review'],
    },
    {
      id: '8.6',
      title: 'Application and system account credentials are managed strictly, not hard-coded',
      rules: ['no-secret-in-env'],
      attestations: [],
    },
    {
      id: '11.4',
      title: 'External and internal penetration tests are performed regularly',
      rules: [],
      attestations: ['penetration-test'],
    },
    {
      id: '12.6',
      title: 'Security awareness education is ongoing',
      rules: [],
      attestations: ['security-training'],
    },
    {
      id: '12.10',
      title: 'Suspected and confirmed security incidents are responded to immediately',
      rules: [],
      attestations: ['incident-response-runbook', 'on-call-rotation', 'postmortem-practice'],
    },
  ]),
  ...controls('gdpr', [
    {
      id: 'Art. 5(1)(e)',
      title: 'Personal data is kept no longer than needed (storage limitation)',
      rules: [],
      attestations: ['data-retention-policy'],
    },
    {
      id: 'Art. 25',
      title: 'Data protection by design and by default, including the storage period',
      rules: [],
      attestations: ['data-retention-policy'],
    },
    {
      id: 'Art. 32(1)(b)',
      title: 'Processing systems stay confidential, intact, available and resilient',
      rules: [...ACCESS_RULES, ...HARDENING_RULES, ...NETWORK_RULES, 'no-secret-in-env', ...REDUNDANCY_RULES],
      attestations: [],
    },
    {
      id: 'Art. 32(1)(c)',
      title: 'Availability of and access to personal data can be restored in time after an incident',
      rules: [],
      attestations: ['backup-restore-tested', 'disaster-recovery-drill'],
    },
    {
      id: 'Art. 32(1)(d)',
      title: 'Security measures are tested and evaluated regularly',
      rules: [],
      attestations: ['access-review', 'backup-restore-tested', 'disaster-recovery-drill', 'penetration-test'],
    },
    {
      id: 'Art. 33',
      title: 'Personal data breaches are notified to the supervisory authority within 72 hours',
      rules: [],
      attestations: ['incident-response-runbook'],
    },
  ]),
  ...controls('iso27001', [
    {
      id: 'A.5.15',
      title: 'Access control rules are set and applied',
      rules: [...ACCESS_RULES],
      attestations: ['access-review'],
    },
    {
      id: 'A.5.17',
      title: 'Authentication information is allocated and handled securely',
      rules: ['no-secret-in-env'],
      attestations: [],
    },
    {
      id: 'A.5.18',
      title: 'Access rights are provisioned, reviewed and removed',
      rules: [],
      attestations: ['access-review'],
    },
    {
      id: 'A.5.24',
      title: 'Incident management is planned and prepared',
      rules: [],
      attestations: ['incident-response-runbook', 'on-call-rotation'],
    },
    {
      id: 'A.5.26',
      title: 'Incidents are responded to according to documented procedures',
      rules: [],
      attestations: ['incident-response-runbook'],
    },
    {
      id: 'A.5.27',
      title: 'Knowledge gained from incidents strengthens the controls',
      rules: [],
      attestations: ['postmortem-practice'],
    },
    {
      id: 'A.5.29',
      title: 'Information security is maintained during disruption',
      rules: [],
      attestations: ['disaster-recovery-drill'],
    },
    {
      id: 'A.5.30',
      title: 'ICT readiness for business continuity is planned, implemented and tested',
      rules: [...REDUNDANCY_RULES],
      attestations: ['backup-restore-tested', 'disaster-recovery-drill'],
    },
    {
      id: 'A.6.3',
      title: 'Personnel receive information security awareness, education and training',
      rules: [],
      attestations: ['security-training'],
    },
    {
      id: 'A.8.2',
      title: 'Privileged access rights are restricted and managed',
      rules: [...PRIVILEGED_ACCESS_RULES],
      attestations: ['access-review'],
    },
    {
      id: 'A.8.6',
      title: 'Resource use is monitored and adjusted to current and expected capacity',
      rules: [...CAPACITY_RULES],
      attestations: ['load-test-at-peak'],
    },
    {
      id: 'A.8.8',
      title: 'Technical vulnerabilities are identified and addressed',
      rules: [],
      attestations: ['penetration-test'],
    },
    {
      id: 'A.8.9',
      title: 'Secure configurations are established, monitored and reviewed',
      rules: [
        ...HARDENING_RULES,
        'no-automounted-service-account-token',
        'no-latest-image-tag',
        'require-image-digest',
      ],
      attestations: [],
    },
    {
      id: 'A.8.10',
      title: 'Information is deleted when no longer required',
      rules: [],
      attestations: ['data-retention-policy'],
    },
    {
      id: 'A.8.13',
      title: 'Backups are taken and tested',
      rules: [],
      attestations: ['backup-restore-tested'],
    },
    {
      id: 'A.8.14',
      title: 'Information processing facilities are redundant enough to meet availability requirements',
      rules: [...REDUNDANCY_RULES],
      attestations: [],
    },
    {
      id: 'A.8.16',
      title: 'Systems are monitored for anomalous behaviour',
      rules: ['require-telemetry-export'],
      attestations: ['alerting-rules'],
    },
    {
      id: 'A.8.19',
      title: 'Installing software on operational systems is controlled',
      rules: [...SOFTWARE_INTEGRITY_RULES],
      attestations: [],
    },
    {
      id: 'A.8.20',
      title: 'Networks and network devices are secured',
      rules: [...NETWORK_RULES],
      attestations: [],
    },
    {
      id: 'A.8.22',
      title: 'Groups of services and systems are segregated on the network',
      rules: ['require-network-policy'],
      attestations: [],
    },
    {
      id: 'A.8.32',
      title: 'Changes to information processing facilities are controlled',
      rules: [...CHANGE_RULES],
      attestations: [],
    },
  ]),
];
