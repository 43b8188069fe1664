// Which response_urls the bot will ever POST to. A response_url arrives inside a request (a
// slash command, a form's metadata) and the outbox calls it later, so an accepted URL is a
// request the bot makes on someone's say-so. Slack's are https://hooks.slack.com/… (GovSlack:
// hooks.slack-gov.com); nothing else is called.
//
// The only other host allowed is the one SLACK_API_URL names when it is not Slack's own: the
// local emulator in tests and demos. That host already receives the bot token with every Web
// API call, so trusting its response_urls adds no trust; and with the default SLACK_API_URL
// (production) the rule is exactly "Slack's hooks host over https".

const SLACK_API_HOSTS = new Set(["slack.com", "slack-gov.com"]);
const SLACK_HOOKS_HOSTS = new Set(["hooks.slack.com", "hooks.slack-gov.com"]);

export type ResponseUrlCheck = (url: string) => boolean;

export function responseUrlPolicy(apiUrl: string): ResponseUrlCheck {
  const api = new URL(apiUrl);
  const apiIsSlack = SLACK_API_HOSTS.has(api.hostname);
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (url.username || url.password) return false;
    if (url.protocol === "https:" && SLACK_HOOKS_HOSTS.has(url.hostname) && url.port === "") return true;
    // A non-Slack API base (the emulator): its own origin too, nothing else.
    return !apiIsSlack && url.origin === api.origin;
  };
}
