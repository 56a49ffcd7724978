// Preloaded with `node --import`: records the URL of every module the process loads.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url, { data: process.env.PRODREADY_LOAD_LOG });
