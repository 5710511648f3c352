// Stand-in entry used only when bundling is skipped and a wiring entry does not exist yet (see
// AppFunction). Never deployed: a real synth bundles the wiring's own entry or fails.
export const handler = async () => {
  throw new Error('placeholder handler');
};
