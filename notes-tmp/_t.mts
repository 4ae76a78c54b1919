import { loadConfig, describeConfig } from "../src/config.js";
const c = loadConfig({ DISCORD_TOKEN: "aaa.bbb.ccc", TELEGRAM_BOT_TOKEN: "123:abc", ARXIV_CATEGORIES: " cs.LG, hep-th,,cs.LG", DEFAULT_DIGEST_TIME: "8:05", INGEST_TIMEZONE: "europe/paris" , HEALTH_PORT: ""});
console.log(JSON.stringify(c, null, 1)); console.log(describeConfig(c));
try { loadConfig({ DISCORD_TOKEN: "Bot aaa.bbb.ccc", TELEGRAM_BOT_TOKEN: '"123:abc"', TELEGRAM_WEBHOOK_URL: "http://x/bot123:abc", LOG_LEVEL: "loud", INGEST_CRON: "61 * * *", INGEST_TIMEZONE: "Mars/Base", DEFAULT_DIGEST_TIME: "25:00", ARXIV_CATEGORIES: "cs.LG, foo bar", DIGEST_GRACE_HOURS: "-1", HEALTH_PORT: "99999", HF_API_ROOT: "ftp://x", DISCORD_APP_ID: "abc" }); } catch (e) { console.log(String(e.message)); }
