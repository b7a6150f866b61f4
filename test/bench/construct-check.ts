import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceManifest } from '@inovda/manifest';
import type { FunctionBundle } from './bundle';
import { BENCH_DIR } from './paths';

/** Whether the bench's bundles are the ones the CDK construct deploys. */
export interface ConstructCheck {
  /** Functions whose bench bundle is byte-identical to the construct's asset. */
  readonly identical: readonly string[];
  /** Functions whose bundles differ: the bench's esbuild options have drifted from the construct's. */
  readonly different: ReadonlyArray<{
    readonly id: string;
    readonly constructBytes: number;
    readonly benchBytes: number;
  }>;
  /** Why the check could not run (the construct failed to build); the figures are then unverified. */
  readonly error?: string;
  readonly durationMs: number;
}

const CDK_OUT = path.join(BENCH_DIR, 'cdk.out');

/**
 * Builds every function through `InovdaFunction` itself, in a throwaway stack (aws-cdk-lib bundles an asset when the
 * construct is created, with the local esbuild; nothing is synthesized or deployed), and compares each asset's
 * `index.mjs` with the bench's bundle. The bench mirrors the construct's esbuild options by hand; this is what
 * keeps "bundled exactly as deployed" true when someone changes the construct.
 */
export async function checkAgainstConstruct(
  manifests: readonly ServiceManifest[],
  bundles: readonly FunctionBundle[],
): Promise<ConstructCheck> {
  const started = performance.now();
  const identical: string[] = [];
  const different: Array<{ id: string; constructBytes: number; benchBytes: number }> = [];
  try {
    // Loaded here rather than at the top: aws-cdk-lib takes seconds to import, and a construct that does not build
    // should cost this check, not the whole bench.
    const [
      { App, Stack },
      { Table, AttributeType },
      { EventBus },
      { Asset },
      { UserPool },
      { InovdaFunction },
      { RegionEmail },
      { defaultLocalRegion },
    ] = await Promise.all([
      import('aws-cdk-lib'),
      import('aws-cdk-lib/aws-dynamodb'),
      import('aws-cdk-lib/aws-events'),
      import('aws-cdk-lib/aws-s3-assets'),
      import('aws-cdk-lib/aws-cognito'),
      import('../../infra/lib/inovda-function'),
      import('../../infra/lib/region-email'),
      import('../../infra/regions'),
    ]);
    await rm(CDK_OUT, { recursive: true, force: true });
    const app = new App({ outdir: CDK_OUT });
    const stack = new Stack(app, 'InovdaBench', {
      env: { account: '123456789012', region: defaultLocalRegion.aws.region },
    });
    // What the region stack gives functions with a `send-email` or `user-directory` grant (neither changes a bundle).
    const email = new RegionEmail(stack, 'Email', { config: defaultLocalRegion });
    const userPool = UserPool.fromUserPoolId(stack, 'UserPool', `${defaultLocalRegion.aws.region}_bench`);
    for (const manifest of manifests) {
      const table = new Table(stack, `${manifest.name}-table`, {
        partitionKey: { name: 'pk', type: AttributeType.STRING },
      });
      const eventBus = new EventBus(stack, `${manifest.name}-bus`);
      for (const spec of manifest.functions) {
        const id = `${manifest.name}/${spec.name}`;
        const bundle = bundles.find((candidate) => candidate.id === id);
        if (!bundle) throw new Error(`the bench did not bundle ${id}`);
        const fn = new InovdaFunction(stack, `${manifest.name}-${spec.name}`, {
          config: defaultLocalRegion,
          manifest,
          spec,
          table,
          eventBus,
          email,
          userPool,
        });
        const asset = fn.function.node.tryFindChild('Code');
        if (!(asset instanceof Asset)) throw new Error(`no code asset under ${fn.function.node.path}`);
        const deployed = await readFile(path.join(CDK_OUT, asset.assetPath, 'index.mjs'));
        const benched = await readFile(bundle.file);
        if (deployed.equals(benched)) identical.push(id);
        else different.push({ id, constructBytes: deployed.byteLength, benchBytes: benched.byteLength });
      }
    }
  } catch (error) {
    return {
      identical,
      different,
      error: error instanceof Error ? error.message : String(error),
      durationMs: performance.now() - started,
    };
  } finally {
    await rm(CDK_OUT, { recursive: true, force: true });
  }
  return { identical, different, durationMs: performance.now() - started };
}
