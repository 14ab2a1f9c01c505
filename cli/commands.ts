// Sub-commands of other areas register themselves in COMMANDS here, one import per area.
import './import.ts';
import './export.ts';
import './bulletin.ts';
import './assess.ts';
