/**
 * The chat commands whose advice has a command-line option, and how their argument is written there.
 * A chat command takes one phrase after the command; the option takes it quoted, or for categories as
 * a comma-separated list.
 */
const OPTIONS: Record<string, (argument: string) => string> = {
  "interests add": (argument) => `--interests "${argument}"`,
  follow: (argument) => `--follow "${argument}"`,
  mute: (argument) => `--mute "${argument}"`,
  categories: (argument) => `--categories ${argument.replace(/\s+/g, ",")}`,
};

/**
 * A chat command with its argument: the argument ends at a comma, a semicolon, a full stop that ends
 * a sentence (not the one in cs.LG), an "or" before the next command, or the end of the message.
 */
const CHAT_ADVICE = /\/(interests add|follow|mute|categories) (.+?)(?=[,;]|\.(?:\s|$)|\s+or\s+\/|$)/g;

/**
 * Messages written for the chat commands, in the command line's terms: `/follow Yann LeCun` becomes
 * `--follow "Yann LeCun"`, `/categories cs.LG cs.CL` becomes `--categories cs.LG,cs.CL`,
 * `/interests add few-shot learning` becomes `--interests "few-shot learning"`.
 */
export function optionWording(message: string): string {
  return message.replace(CHAT_ADVICE, (match, command: string, argument: string) => {
    const option = OPTIONS[command];
    return option ? option(argument.trim()) : match;
  });
}
