// Jest for the LWC admin UI (sfdx-lwc-jest): TypeScript components and tests run directly.
const fs = require('node:fs');
const path = require('node:path');
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const MOCKS_DIR = path.join(__dirname, 'force-app', 'tests', 'jest-mocks');

/**
 * Maps every shared mock under force-app/tests/jest-mocks/<module path>.{ts,js} to its module name
 * (e.g. jest-mocks/lightning/navigation.ts -> lightning/navigation), so tests share one mock.
 */
function sharedMocks() {
  if (!fs.existsSync(MOCKS_DIR)) return {};
  const mapper = {};
  const files = fs.readdirSync(MOCKS_DIR, { recursive: true, encoding: 'utf8' });
  for (const file of files) {
    if (!/\.(ts|js)$/.test(file) || file.endsWith('.d.ts')) continue;
    const moduleName = file
      .replace(/\.(ts|js)$/, '')
      .split(path.sep)
      .join('/');
    const escaped = moduleName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    mapper[`^${escaped}$`] = path.join(MOCKS_DIR, file);
  }
  return mapper;
}

module.exports = {
  ...jestConfig,
  moduleFileExtensions: ['ts', 'js', 'html'],
  testMatch: ['<rootDir>/force-app/**/__tests__/**/*.test.ts'],
  moduleNameMapper: sharedMocks(),
  setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv ?? []), '<rootDir>/config/jest.setup.js'],
  collectCoverageFrom: ['force-app/**/lwc/**/*.{ts,js}', '!**/__tests__/**', '!**/*.d.ts'],
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  coverageThreshold: { global: { lines: 90 } },
  testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/build/', '<rootDir>/localorg/']
};
