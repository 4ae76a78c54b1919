import { prettyFactory, isColorSupported } from "pino-pretty";
import { pino } from "pino";
const f = prettyFactory({ colorize: false, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" });
console.log(JSON.stringify(f('{"level":30,"time":1,"pid":1,"hostname":"h","msg":"hi","a":{"b":1},"err":{"type":"Error","message":"m","stack":"Error: m\\n at x"}}\n')), isColorSupported, typeof pino);
console.log(JSON.stringify(f('not json\n')));
