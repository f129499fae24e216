import { execFile, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Debian packages that provide the JDK and Bouncy Castle's EST client (bookworm: BC 1.72). */
export const requiredDebianPackages = ['default-jdk-headless', 'libbcprov-java', 'libbcpkix-java', 'libbcutil-java'] as const;

const jarDir = '/usr/share/java';
const jars = ['bcprov.jar', 'bcpkix.jar', 'bcutil.jar'].map((j) => join(jarDir, j));
const classpath = (extra: string): string => [extra, ...jars].join(':');
const source = join(__dirname, 'EstConformance.java');
const compileTimeoutMs = 120_000;
const runTimeoutMs = 90_000;

const installHint = `install the packages with: apt-get install -y ${requiredDebianPackages.join(' ')}`;

/** Fails loudly (never skips) when the JDK or the Bouncy Castle jars are missing. */
export function assertJavaToolchain(): void {
  for (const tool of ['java', 'javac']) {
    const probe = spawnSync(tool, ['-version'], { encoding: 'utf8', timeout: 30_000 });
    if (probe.error !== undefined || probe.status !== 0) {
      throw new Error(`EST conformance test needs \`${tool}\` on PATH (${probe.error?.message ?? `exit ${String(probe.status)}`}); ${installHint}`);
    }
  }
  const missing = jars.filter((j) => !existsSync(j));
  if (missing.length > 0) throw new Error(`EST conformance test needs the Bouncy Castle jars ${missing.join(', ')}; ${installHint}`);
}

/** Compiles the client into `outDir`. Synchronous on purpose: no server of ours is running yet. */
export function compileClient(outDir: string): void {
  const result = spawnSync('javac', ['-Xlint:all,-path', '-Werror', '-cp', classpath(''), '-d', outDir, source], {
    encoding: 'utf8',
    timeout: compileTimeoutMs,
    killSignal: 'SIGKILL',
  });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(`javac failed (${result.error?.message ?? `exit ${String(result.status)}`}):\n${result.stdout}${result.stderr}`);
  }
}

export type PlanStep =
  | { readonly op: 'cacerts' | 'cacerts-without-client-cert'; readonly label: string }
  | { readonly op: 'csr-roundtrip'; readonly csrFile: string }
  | { readonly op: 'cacerts-trusting'; readonly label: string; readonly anchorFile: string }
  | { readonly op: 'csrattrs'; readonly label: string }
  | { readonly op: 'enroll-bc-csr'; readonly label: string; readonly attributesFile: string; readonly idempotencyKey?: string }
  | { readonly op: 'enroll'; readonly label: string; readonly csrFile: string; readonly idempotencyKey?: string; readonly maxPolls?: number };

function planLine(step: PlanStep): string {
  const fields =
    step.op === 'enroll'
      ? [step.op, step.label, step.csrFile, step.idempotencyKey ?? '-', String(step.maxPolls ?? 0)]
      : step.op === 'csr-roundtrip'
        ? [step.op, '-', step.csrFile]
        : step.op === 'cacerts-trusting'
          ? [step.op, step.label, step.anchorFile]
          : step.op === 'enroll-bc-csr'
            ? [step.op, step.label, step.attributesFile, step.idempotencyKey ?? '-']
            : [step.op, step.label];
  if (fields.some((f) => f.length === 0 || /\s/.test(f))) throw new Error(`plan fields must be non-empty and free of whitespace: ${fields.join('|')}`);
  return fields.join(' ');
}

const stepResultSchema = z
  .object({
    op: z.enum(['cacerts', 'cacerts-without-client-cert', 'cacerts-trusting', 'csrattrs', 'enroll', 'enroll-bc-csr', 'csr-roundtrip']),
    label: z.string(),
    ok: z.boolean(),
    httpStatus: z.number().int().optional(),
    error: z.string().optional(),
    errorBody: z.string().optional(),
    trusted: z.boolean().optional(),
    subjects: z.array(z.string()).optional(),
    certificates: z.array(z.string().regex(/^[A-Za-z0-9+/]+=*$/)).optional(),
    certificatesForCsrKey: z.array(z.string()).optional(),
    issuerSignatureVerified: z.boolean().optional(),
    completed: z.boolean().optional(),
    polls: z.number().int().optional(),
    reencodedIdentical: z.boolean().optional(),
    hasAttributesResponse: z.boolean().optional(),
    /** csrattrs as BC parsed it (unordered); an `attribute:` prefix marks the Attribute choice. */
    attributeOids: z.array(z.string()).optional(),
    /** The CSR BC built itself (enroll-bc-csr), base64 DER. */
    csr: z.string().optional(),
  })
  .strict();
export type StepResult = z.infer<typeof stepResultSchema>;

const outputSchema = z.object({ provider: z.string(), steps: z.array(stepResultSchema) }).strict();
export type ClientOutput = z.infer<typeof outputSchema>;

export interface ClientTlsFiles {
  readonly tlsCaCert: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

/**
 * Runs the compiled client against `host:port`. Asynchronous because the CA under test lives
 * in this process: a blocking spawn would stop it from answering.
 */
export function runClient(classDir: string, server: string, tls: ClientTlsFiles, plan: readonly PlanStep[], planFile: string): Promise<ClientOutput> {
  writeFileSync(planFile, `${plan.map(planLine).join('\n')}\n`);
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-cp', classpath(classDir), 'EstConformance', server, tls.tlsCaCert, tls.clientCert, tls.clientKey, planFile],
      { encoding: 'utf8', timeout: runTimeoutMs, killSignal: 'SIGKILL', maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(`EstConformance failed (${error.message}):\n${stderr}`));
          return;
        }
        let json: unknown;
        try {
          json = JSON.parse(stdout);
        } catch {
          reject(new Error(`EstConformance printed no JSON:\n${stdout}\n${stderr}`));
          return;
        }
        const parsed = outputSchema.safeParse(json);
        if (parsed.success) resolve(parsed.data);
        else reject(new Error(`EstConformance output has an unexpected shape: ${parsed.error.message}`));
      },
    );
  });
}
