/** exceljs's Node build behind the spreadsheet interface (the code is src/cleanup/exceljs-sheets.ts). */
import ExcelJS from 'exceljs';
import { exceljsSpreadsheets, type ExcelLib } from '../cleanup/exceljs-sheets.js';

export const nodeSpreadsheetParts = exceljsSpreadsheets(ExcelJS as unknown as ExcelLib);
export const exceljsReader = nodeSpreadsheetParts.reader;
export const exceljsWriter = nodeSpreadsheetParts.writer;
