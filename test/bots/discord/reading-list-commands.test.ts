import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commandDefinitions } from "../../../src/bots/discord/commands/index.js";
import { CHANNEL_LIST_ONLY_IN_SERVERS } from "../../../src/bots/discord/commands/reading-list.js";
import type { Reply } from "../../../src/core/commands/reply.js";
import {
  CHANNEL_ID,
  MANAGE_CHANNELS,
  USER_ID,
  buttonPress,
  chatCommand,
  infoReply,
  options,
  papersReply,
  startHarness,
  type Harness,
} from "./fake-discord.js";

const EPHEMERAL = 64;
/** Each interaction of the fake says a place allows 8 MiB uploads (attachment_size_limit). */
const PLACE_LIMIT = 8 * 1024 * 1024;

function exportReply(text: string, name = "reading-list.bib"): Reply {
  return {
    ...infoReply(`Your reading list: 2 papers as ${name}.`),
    file: { name, mimeType: "application/x-bibtex", text },
  };
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe("reading-list slash commands", () => {
  it.each([
    ["save", options({ paper: "  2410.12345 " }), "save 2410.12345"],
    [
      "unsave",
      options({ paper: "https://arxiv.org/abs/2410.12345" }),
      "unsave https://arxiv.org/abs/2410.12345",
    ],
    ["saved", [], "saved"],
    ["saved", options({ page: 3 }), "saved 3"],
    ["export", [], "export"],
    ["export", options({ format: "ris" }), "export ris"],
  ])("/%s runs the command on the member's own list", async (name, opts, input) => {
    await h.inject(chatCommand(name, [], opts));
    expect(h.service.runs.map((run) => run.input)).toEqual([input]);
    expect(h.service.runs[0]?.ctx.target).toEqual({ platform: "discord", kind: "user", id: USER_ID });
  });

  it("where:channel acts on the channel's list for any member, leaving permission checks to the command layer", async () => {
    await h.inject(chatCommand("unsave", [], options({ paper: "2410.12345", where: "channel" })));
    const ctx = h.service.runs[0]?.ctx;
    expect(ctx?.target).toEqual({ platform: "discord", kind: "channel", id: CHANNEL_ID });
    expect(await ctx?.canManage()).toBe(false);
  });

  it("refuses where:channel in a DM without running anything", async () => {
    await h.inject(chatCommand("saved", [], options({ where: "channel" }), { in: "dm" }));
    expect(h.service.runs).toEqual([]);
    const [reply] = h.fake.find("POST", /\/callback$/);
    expect(reply?.body.data).toMatchObject({ content: CHANNEL_LIST_ONLY_IN_SERVERS, flags: EPHEMERAL });
  });

  it("is open to every member: no default permission is registered for the reading-list commands", () => {
    const definitions = commandDefinitions();
    for (const name of ["save", "unsave", "saved", "export"]) {
      const command = definitions.find((candidate) => candidate.name === name);
      expect(command).toBeDefined();
      expect(command?.default_member_permissions ?? null).toBeNull();
    }
    // /channel stays for managers: the reading list is not among its subcommands.
    const channel = definitions.find((candidate) => candidate.name === "channel");
    expect(channel?.default_member_permissions).toBe(String(MANAGE_CHANNELS));
  });
});

describe("files on Discord", () => {
  it("attaches an export to the private answer", async () => {
    h.service.on("export", exportReply("@misc{a,\n  title = {A},\n}\n"));
    await h.inject(chatCommand("export", []));
    const [edit] = h.fake.find("PATCH", /\/messages\/@original$/);
    expect(edit?.body.content).toBe("Your reading list: 2 papers as reading-list.bib.");
    expect(edit?.files.map((file) => [file.name, file.text])).toEqual([
      ["reading-list.bib", "@misc{a,\n  title = {A},\n}\n"],
    ]);
  });

  it("attaches the file to the public post when the reply is for everyone", async () => {
    h.service.on("export", { ...exportReply("TY  - JOUR\nER  - \n", "reading-list.ris"), private: false });
    await h.inject(chatCommand("export", [], options({ format: "ris", where: "channel" })));
    const [post] = h.fake.find("POST", /^\/webhooks\//);
    expect(post?.files.map((file) => file.name)).toEqual(["reading-list.ris"]);
    expect(post?.body.flags ?? 0).toBe(0);
  });

  it("does not upload a file over the place's limit, and says why", async () => {
    h.service.on("export", exportReply("x".repeat(PLACE_LIMIT + 1)));
    await h.inject(chatCommand("export", []));
    const uploads = h.fake.requests.filter((request) => request.files.length > 0);
    expect(uploads).toEqual([]);
    const [edit] = h.fake.find("PATCH", /\/messages\/@original$/);
    expect(edit?.body.content).toBe("Your reading list: 2 papers as reading-list.bib.");
    const [note] = h.fake.find("POST", /^\/webhooks\//);
    expect(note?.body.content).toBe(
      "reading-list.bib is 8.1 MB, more than the 8 MB Discord lets paperboy send. " +
        "Take some papers off the list with /unsave, then export again.",
    );
    expect(note?.body.flags).toBe(EPHEMERAL);
  });
});

describe("paging a channel's reading list", () => {
  it("keeps Next page on the channel's list although the page is private", async () => {
    h.service.on(
      "saved",
      papersReply(2, {
        title: "This channel's reading list",
        buttons: [{ label: "Next page", action: "saved:2" }],
      }),
    );
    await h.inject(chatCommand("saved", [], options({ where: "channel" })));
    const [page] = h.fake.find("PATCH", /\/messages\/@original$/);
    const next = page?.body.components.at(-1).components[0];
    expect(next.label).toBe("Next page");

    await h.inject(buttonPress(next.custom_id, { ephemeral: true }));
    const [pressed] = h.service.actions;
    expect(pressed?.input).toBe("saved:2");
    expect(pressed?.ctx.target).toEqual({ platform: "discord", kind: "channel", id: CHANNEL_ID });
    // The page is replaced in place, like search results.
    expect(h.fake.find("POST", /\/callback$/).at(-1)?.body).toEqual({ type: 6 });
  });

  it("pages the member's own list from their own /saved", async () => {
    h.service.on("saved", papersReply(2, { buttons: [{ label: "Next page", action: "saved:2" }] }));
    await h.inject(chatCommand("saved", []));
    const [page] = h.fake.find("PATCH", /\/messages\/@original$/);
    const next = page?.body.components.at(-1).components[0];
    expect(next.custom_id).toBe("saved:2");
    await h.inject(buttonPress(next.custom_id, { ephemeral: true }));
    expect(h.service.actions[0]?.ctx.target).toEqual({ platform: "discord", kind: "user", id: USER_ID });
  });
});

describe("vote totals from a scripted command layer", () => {
  it("leaves the message alone when the answer carries no totals, or the press was in a DM", async () => {
    h.service.on("like:", infoReply("Noted."));
    await h.inject(buttonPress("like:2410.10001"));
    h.service.on("like:", { ...infoReply("Noted."), votes: { paperId: "2410.10001", up: 1, down: 0 } });
    await h.inject(buttonPress("like:2410.10001", {}, { in: "dm" }));
    expect(h.fake.find("PATCH", /^\/channels\//)).toEqual([]);
  });
});
