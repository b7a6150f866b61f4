import type { Context } from 'aws-lambda';
import type { InvocationDescriptor } from './invocation';

function unsupported(name: string): () => never {
  return () => {
    // The nodejs24.x runtime removed callback-style completion; handlers return (or throw) instead.
    throw new Error(`context.${name}() is not supported by the Node.js 24 Lambda runtime; return from the handler`);
  };
}

/** The Lambda `Context` of one invocation, built inside the environment process from its descriptor. */
export function createLambdaContext(descriptor: InvocationDescriptor): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: descriptor.functionName,
    functionVersion: descriptor.functionVersion,
    invokedFunctionArn: descriptor.invokedFunctionArn,
    memoryLimitInMB: descriptor.memoryLimitInMB,
    awsRequestId: descriptor.awsRequestId,
    logGroupName: descriptor.logGroupName,
    logStreamName: descriptor.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, descriptor.deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}
