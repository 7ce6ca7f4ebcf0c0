export { formatDutchDate, formatEuro } from '../rules/format-nl.ts';
