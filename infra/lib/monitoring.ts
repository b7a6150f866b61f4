import type { LogAlarmSpec } from '@inovda/manifest';
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  TextWidget,
  TreatMissingData,
  Unit,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { RegionConfig } from '../regions';
import { DeadLetterQueue } from './dead-letter-queue';
import type { InovdaFunction } from './inovda-function';

const FIVE_MINUTES = Duration.minutes(5);

/** Props of a {@link RegionMonitoring}. */
export interface RegionMonitoringProps {
  readonly config: RegionConfig;
}

/**
 * Alarms and the dashboard of a region. Every alarm notifies the config's alarm e-mail through one SNS topic:
 * a dead-letter queue holding anything, a function erroring or being throttled, the API answering 5xx.
 */
export class RegionMonitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  private readonly action: SnsAction;
  private readonly deadLetterMetrics: IMetric[] = [];

  constructor(scope: Construct, id: string, { config }: RegionMonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `inovda ${config.id} alarms`,
      enforceSSL: true,
    });
    const undelivered = new DeadLetterQueue(this, 'AlarmEmailDlq', {
      holds: 'alarm notifications SNS could not deliver by e-mail',
    });
    this.topic.addSubscription(new EmailSubscription(config.alarmEmail, { deadLetterQueue: undelivered.queue }));
    this.action = new SnsAction(this.topic);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `inovda-${config.id}`,
      defaultInterval: Duration.hours(24),
    });
    this.dashboard.addWidgets(new TextWidget({ markdown: `# inovda: ${config.displayName}`, width: 24, height: 1 }));
    this.watchDeadLetterQueue(undelivered);
  }

  /** Alarms when the queue holds any message: something was not delivered or not processed. */
  watchDeadLetterQueue(dlq: DeadLetterQueue): void {
    const depth = dlq.queue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(1),
      statistic: 'Maximum',
    });
    this.alarm(dlq, 'DepthAlarm', depth, `Dead-letter queue is not empty: it holds ${dlq.holds}.`);
    // Labelled on the dashboard only: a labelled metric renders the alarm in the verbose metric-math form.
    this.deadLetterMetrics.push(depth.with({ label: dlq.node.path.split('/').slice(1).join('/') }));
  }

  /**
   * Alarms when the oldest message of a consumer's queue is older than `maxAgeSeconds`: its consumer has been failing
   * on it (or not keeping up) that long, well before the record reaches the DLQ a day later.
   */
  watchConsumerQueue(scope: Construct, queue: IQueue, what: string, maxAgeSeconds: number): void {
    const age = queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' });
    this.alarm(
      scope,
      'OldestMessageAlarm',
      age,
      `The queue of ${what} holds a message older than ${maxAgeSeconds / 3600} h: its consumer keeps failing on it or cannot keep up.`,
      maxAgeSeconds,
    );
    this.dashboard.addWidgets(new GraphWidget({ title: `${what}: oldest queued event (s)`, left: [age], width: 24 }));
  }

  /** Alarms on any error or throttle of the function; adds its row to the dashboard. */
  watchFunction(fn: InovdaFunction): void {
    const errors = fn.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
    const throttles = fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.alarm(fn, 'ErrorsAlarm', errors, `${fn.spec.name} failed (unhandled error or timeout).`);
    this.alarm(fn, 'ThrottlesAlarm', throttles, `${fn.spec.name} was throttled (account or reserved concurrency).`);
    this.dashboard.addWidgets(
      new GraphWidget({
        title: `${fn.spec.name}: invocations, errors, throttles`,
        left: [fn.function.metricInvocations({ period: FIVE_MINUTES }), errors, throttles],
        width: 12,
      }),
      new GraphWidget({
        title: `${fn.spec.name}: duration`,
        left: [
          fn.function.metricDuration({ period: FIVE_MINUTES, statistic: 'p50' }),
          fn.function.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
        ],
        width: 12,
      }),
    );
  }

  /**
   * Alarms whenever the function logs the spec's message: a failure it handles without throwing (the errors alarm
   * never sees it). A metric filter on its log group counts the lines.
   */
  watchLogMessage(fn: InovdaFunction, spec: LogAlarmSpec): void {
    const filter = new MetricFilter(fn, `${spec.name}Filter`, {
      logGroup: fn.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', spec.message),
      metricNamespace: 'inovda',
      metricName: `${fn.node.id}-${spec.name}`,
      metricValue: '1',
      unit: Unit.COUNT,
    });
    const count = filter.metric({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.alarm(fn, `${spec.name}Alarm`, count, spec.description);
  }

  /** Alarms on any 5xx of the API; adds its traffic and latency to the dashboard. */
  watchHttpApi(api: HttpApi): void {
    const serverErrors = api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    this.alarm(api, 'ServerErrorAlarm', serverErrors, 'The HTTP API answered 5xx.');
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API: requests, 4xx, 5xx',
        left: [
          api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
          api.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum' }),
          serverErrors,
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'API: latency',
        left: [
          api.metricLatency({ period: FIVE_MINUTES, statistic: 'p50' }),
          api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }),
        ],
        width: 12,
      }),
    );
  }

  /** Adds the age of the oldest unprocessed stream record of a stream-fed function to the dashboard. */
  watchStreamConsumer(fn: InovdaFunction): void {
    const iteratorAge = fn.function.metric('IteratorAge', { statistic: 'Maximum', period: FIVE_MINUTES });
    this.dashboard.addWidgets(
      new GraphWidget({ title: `${fn.spec.name}: stream iterator age (ms)`, left: [iteratorAge], width: 24 }),
    );
  }

  /** Adds the depth of every dead-letter queue watched so far as one widget; call once everything is watched. */
  addDeadLetterWidget(): void {
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Dead-letter queues: messages', left: [...this.deadLetterMetrics], width: 24 }),
    );
  }

  private alarm(scope: Construct, id: string, metric: IMetric, description: string, threshold = 1): void {
    const alarm = new Alarm(scope, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means no traffic, not a failure.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
  }
}
