// "Copy as CLI": the aws glue command that does what the console shows, against this server, with every secret
// replaced by a placeholder (the console never has stored secrets; typed ones are not copied either).

/** A shell word in single quotes ('\'' for a quote inside). */
export function shellQuote(text) {
  return "'" + String(text).replace(/'/g, "'\\''") + "'";
}

function common(region, catalogId) {
  const words = ['--endpoint-url', location.origin, '--region', region];
  if (catalogId) {
    words.push('--catalog-id', catalogId);
  }
  return words;
}

/** The ConnectionInput of a connection as GetConnection returned it (output-only fields dropped). */
export function connectionInput(connection) {
  const input = { Name: connection.Name };
  for (const key of ['Description', 'ConnectionType', 'MatchCriteria', 'ConnectionProperties',
    'PhysicalConnectionRequirements', 'AuthenticationConfiguration', 'ValidateCredentials']) {
    if (connection[key] !== undefined) {
      input[key] = connection[key];
    }
  }
  return input;
}

/** Secret values replaced by <KEY> placeholders. */
export function withPlaceholders(properties, isSecret) {
  const out = {};
  for (const [key, value] of Object.entries(properties || {})) {
    out[key] = isSecret(key) ? `<${key}>` : value;
  }
  return out;
}

export function createCommand(input, region, catalogId, hiddenSecrets) {
  const lines = [];
  if (hiddenSecrets && hiddenSecrets.length) {
    lines.push(`# Secrets are never sent to the console: add ${hiddenSecrets.map((k) => `"${k}":"<${k}>"`).join(', ')}`
      + ' to ConnectionProperties if the connection has them.');
  }
  lines.push(['aws', 'glue', 'create-connection', ...common(region, catalogId), '--connection-input',
    shellQuote(JSON.stringify(input))].join(' '));
  return lines.join('\n');
}

export function testByNameCommand(name, region, catalogId) {
  return ['aws', 'glue', 'test-connection', ...common(region, catalogId), '--connection-name', shellQuote(name)]
    .join(' ');
}

export function testInlineCommand(input, region, catalogId) {
  return ['aws', 'glue', 'test-connection', ...common(region, catalogId), '--test-connection-input',
    shellQuote(JSON.stringify(input))].join(' ');
}
