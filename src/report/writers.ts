/** Every format a review can be written in: one map for the CLI --format, the export API and the report page. */
import { opinionDocxWriter } from './writers/docx-opinion.js';
import { htmlWriter } from './writers/html.js';
import { jsonWriter, markdownWriter, textWriter } from './writers/text.js';
import type { Writer } from './writers/types.js';
import type { ExportFormat } from './export-formats.js';

export { EXPORT_FORMATS, isExportFormat, type ExportFormat } from './export-formats.js';

export const WRITERS = {
  text: textWriter,
  md: markdownWriter,
  json: jsonWriter,
  html: htmlWriter,
  docx: opinionDocxWriter,
} satisfies Record<ExportFormat, Writer>;
