package org.folio.contacttracing.platform.html;

/**
 * The printable pages the module serves (notice, visit receipt, transparency report): text escaped, the page's
 * language declared, and a style that reads on a screen and prints on paper without the browser's chrome.
 */
public final class Html {
  private static final String STYLE = "body{font-family:system-ui,sans-serif;font-size:1.25rem;line-height:1.5;"
      + "max-width:40rem;margin:2rem auto;padding:0 1rem;color:#000;background:#fff}\n"
      + "h1{font-size:2rem}li{margin:.25rem 0}table{border-collapse:collapse;width:100%}"
      + "th,td{border:1px solid #000;padding:.25rem .5rem;text-align:left}td.n{text-align:right}\n"
      + "dt{font-weight:bold}dd{margin:0 0 .5rem 0}\n"
      + "@media print{body{margin:0;max-width:none;font-size:14pt}a{color:#000}"
      + "a[href^=\"http\"]::after{content:\" (\" attr(href) \")\"}}\n";

  private Html() {
  }

  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /**
   * A whole page around {@code main}, which is already HTML.
   *
   * @param lang the page's language, a BCP 47 tag such as {@code en}
   * @param title plain text
   */
  public static String page(String lang, String title, String main) {
    return "<!DOCTYPE html>\n<html lang=\"" + escape(lang) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
        + main + "</main>\n</body>\n</html>\n";
  }
}
