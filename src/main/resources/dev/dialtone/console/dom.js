// Builds every element of the page. Values only ever become text (text nodes, textContent, attribute values set
// one by one); nothing is parsed as HTML, so a connection named <img src=x onerror=...> shows as those characters.

const SAFE_ATTRIBUTES = /^(id|class|for|type|name|value|href|role|title|tabindex|placeholder|autocomplete|list|min|max|maxlength|size|spellcheck|inputmode|pattern|scope|colspan|datetime|lang|hidden|disabled|required|readonly|checked|selected|multiple|novalidate|rows|aria-[a-z]+|data-[a-z-]+)$/;

/** h('tag', {attributes}, children...): strings and numbers become text nodes; arrays are flattened; null skipped. */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) {
        element.addEventListener(event, handler);
      }
      continue;
    }
    if (!SAFE_ATTRIBUTES.test(name)) {
      throw new Error('attribute not allowed: ' + name);
    }
    if (name === 'href' && !/^#|^\/console\//.test(String(value))) {
      throw new Error('only links inside the console');
    }
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces what {@code element} shows. */
export function show(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** "3 min ago" for an epoch time in seconds. */
export function ago(epochSeconds, now = Date.now()) {
  const seconds = Math.max(0, Math.round(now / 1000 - epochSeconds));
  if (seconds < 45) {
    return seconds < 5 ? 'just now' : `${seconds} s ago`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.round(minutes / 60);
  if (hours < 36) {
    return `${hours} h ago`;
  }
  return `${Math.round(hours / 24)} days ago`;
}

export function isoTime(epochSeconds) {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function firstLine(text) {
  return String(text || '').split(/\r?\n/)[0];
}

/** A stage duration for people: "0.4 ms", "12 ms", "1.8 s". */
export function millis(value) {
  const ms = Number(value);
  if (ms < 1) {
    return ms.toFixed(1) + ' ms';
  }
  if (ms < 1000) {
    return Math.round(ms) + ' ms';
  }
  return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
}
