// Never returns: the run is stopped by its timeout (try --timeout 100).
function spin() {
  while (true) {}
}

module.exports = { spin };
