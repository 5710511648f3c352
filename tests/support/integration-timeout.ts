// Integration tests talk to real emulators (DynamoDB Local on the JVM, s3rver, fauxqs)
// over HTTP, several round trips a test, on a 2-core machine that CI and users keep busy. jest's 5 s
// default is a unit-test budget; these get 30 s. (A project's own `testTimeout` is not applied by
// jest 30, which is why this lives in a setup file.) Tests that start processes set their own.
jest.setTimeout(30_000);
