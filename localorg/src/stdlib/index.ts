/** Loads every standard-library family into the registry (one file per platform class family). */
import './string.js';
import './numbers.js';
import './collections.js';
import './pattern.js';
import './system.js';
import './datetime.js';
import './json.js';
import './crypto.js';
