// Placeholder until the admin UI issue builds the local demo (two orgs and the admin UI in the browser).
console.error('npm start: the local demo is not built yet (admin UI issue). Nothing was started.');
process.exit(1);
