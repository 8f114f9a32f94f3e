// The search worker: the search service (search-service.js) off the main thread.
import { createSearchService } from './search-service.js';

const handle = createSearchService((msg) => postMessage(msg));
onmessage = (event) => handle(event.data);
