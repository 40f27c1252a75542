import { camelCase, snakeCase, pascalCase, kebabCase, constantCase, sentenceCase } from 'change-case';
export const f = () => [camelCase('hello big world'), snakeCase('helloBigWorld'), pascalCase('x-y_z'), kebabCase('HTTPServer2Go'), constantCase('a.b c'), sentenceCase('testString')];
