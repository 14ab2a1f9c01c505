// Sub-commands of other areas register themselves in COMMANDS here, one import per area.
export {};
