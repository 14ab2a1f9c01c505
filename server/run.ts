// The program of the server bundle (`dist/server/main.mjs`, scripts/server-bundle.mjs): importing it starts
// the server, as `npm start` does.
import { main } from './main.ts';

await main();
