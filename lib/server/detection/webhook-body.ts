import type { AlertSummary, FalcoAlertJson } from '@/lib/domain/alerts/alert-types';
import { falcoPriorityName } from '@/lib/domain/alerts/falco-json';
import { visibleText } from '@/lib/domain/text/inert-text';
import { alertLinks } from '@/lib/domain/alerts/alert-links';
import type { WebhookFormat } from './webhook-spec';

/**
 * What a webhook receives for one new alert.
 *
 * json: Falco's JSON alert as is (receivers built for Falco read it unchanged) plus a `holocron`
 * object: the alert id (also the Idempotency-Key header), the deep link, and the evidence.
 *
 * slack: `{text, blocks}` for Slack incoming webhooks (and Mattermost/Rocket.Chat, which read
 * the same). Every string from an event goes through slackText(): &, < and > are escaped so a
 * hostile pod name or argument cannot become a link or an @channel mention, control characters
 * are made visible, and backticks are replaced so nothing can close the code block around it.
 */
export function jsonWebhookBody(summary: AlertSummary, falco: FalcoAlertJson, publicUrl: string) {
  const links = alertLinks(summary, publicUrl);
  return {
    ...falco,
    holocron: {
      id: summary.id,
      url: links.alert,
      count: summary.count,
      evidence: {
        event_id: summary.eventId,
        exec_id: summary.execId,
        namespace: summary.namespace,
        pod: summary.pod,
        node: summary.node,
        event_url: links.event,
        timeline_url: links.timeline,
        flows_url: links.flows,
      },
    },
  };
}

const LOOKALIKE_BACKTICK = '\u02cb';

/** A hostile string made safe for Slack mrkdwn. */
export function slackText(text: string): string {
  return visibleText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, LOOKALIKE_BACKTICK);
}

const MAX_SECTION = 2900; // Slack refuses section texts over 3000 characters

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const PRIORITY_EMOJI: Record<string, string> = {
  EMERGENCY: ':rotating_light:',
  ALERT: ':rotating_light:',
  CRITICAL: ':red_circle:',
  ERROR: ':large_orange_circle:',
  WARNING: ':warning:',
  NOTICE: ':large_blue_circle:',
  INFORMATIONAL: ':information_source:',
  DEBUG: ':white_circle:',
};

export function slackWebhookBody(summary: AlertSummary, publicUrl: string) {
  const links = alertLinks(summary, publicUrl);
  const priority = falcoPriorityName(summary.priority);
  const where = summary.pod ? `${summary.namespace}/${summary.pod}` : `host ${summary.node}`;
  const emoji = PRIORITY_EMOJI[summary.priority] ?? '';
  const context = [
    `pod \`${slackText(where)}\``,
    `node \`${slackText(summary.node)}\``,
    summary.tags.length ? `tags \`${slackText(summary.tags.join(' '))}\`` : '',
  ].filter(Boolean);
  const evidence = [
    `<${slackText(links.alert)}|Open alert>`,
    links.timeline ? `<${slackText(links.timeline)}|Process timeline>` : '',
    `<${slackText(links.event)}|Evidence event>`,
    links.flows ? `<${slackText(links.flows)}|Pod flows>` : '',
  ].filter(Boolean);
  return {
    text: clip(`${priority}: ${slackText(summary.rule)} in ${slackText(where)}`, MAX_SECTION),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(`${emoji} *${priority}* · <${slackText(links.alert)}|${slackText(summary.rule)}>`, MAX_SECTION) } },
      { type: 'section', text: { type: 'mrkdwn', text: `\`\`\`${clip(slackText(summary.message), MAX_SECTION - 6)}\`\`\`` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: clip(context.join(' · '), MAX_SECTION) }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: evidence.join(' · ') }] },
    ],
  };
}

export function webhookBody(format: WebhookFormat, summary: AlertSummary, falco: FalcoAlertJson, publicUrl: string): unknown {
  return format === 'slack' ? slackWebhookBody(summary, publicUrl) : jsonWebhookBody(summary, falco, publicUrl);
}
