// The functions of @11ty/eleventy-plugin-rss we call directly (the package ships no types).
declare module "@11ty/eleventy-plugin-rss" {
  export function dateToRfc3339(date: Date): string;
  export function dateToRfc822(date: Date): string;
}
