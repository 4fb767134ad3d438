// lightning/empApi for the demo page: platform events of the chosen local org, streamed by the
// demo server (Server-Sent Events), delivered in the shape empApi gives: { channel, data: { payload } }.
import { currentOrg } from 'demo/apexClient';

const errorCallbacks = [];

export function subscribe(channel, replayId, onMessage) {
  return new Promise((resolve, reject) => {
    const url = `/api/events?org=${encodeURIComponent(currentOrg())}&channel=${encodeURIComponent(channel)}`;
    const source = new EventSource(url);
    let opened = false;
    source.onopen = () => {
      opened = true;
      resolve({ id: `${channel}:${Date.now()}`, channel, replayId, source });
    };
    source.onmessage = (event) => onMessage(JSON.parse(event.data));
    source.onerror = () => {
      const error = { error: `event stream of ${channel} lost` };
      if (!opened) reject(new Error(error.error));
      errorCallbacks.forEach((callback) => callback(error));
    };
  });
}

export function unsubscribe(subscription, callback) {
  subscription?.source?.close();
  if (callback) callback(true);
  return Promise.resolve(true);
}

export function onError(callback) {
  errorCallbacks.push(callback);
}

export function setDebugFlag() {
  return Promise.resolve(true);
}

export function isEmpEnabled() {
  return Promise.resolve(true);
}
