import http from 'k6/http';
import { check, sleep } from 'k6';

// Ramps to the expected peak (300 rps across the shop) and holds it for ten minutes.
export const options = {
  scenarios: {
    peak: {
      executor: 'ramping-arrival-rate',
      startRate: 10,
      timeUnit: '1s',
      preAllocatedVUs: 200,
      stages: [
        { target: 300, duration: '5m' },
        { target: 300, duration: '10m' },
      ],
    },
  },
  thresholds: { http_req_failed: ['rate<0.01'], http_req_duration: ['p(95)<400'] },
};

export default function () {
  const response = http.get('https://staging.shop.example.com/api/products');
  check(response, { 'status is 200': (r) => r.status === 200 });
  sleep(1);
}
