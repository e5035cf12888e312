/* Vietnamese for the copy button (sphinx-copybutton ships no Vietnamese).
   copybutton.js declares `messages` and `locale` as globals and only reads
   them when the buttons are added, after the page has loaded. */
if (typeof messages !== "undefined" && document.documentElement.lang === "vi") {
  messages.vi = {
    copy: "Sao chép",
    copy_to_clipboard: "Sao chép vào bộ nhớ tạm",
    copy_success: "Đã sao chép!",
    copy_failure: "Không sao chép được",
  };
  locale = "vi";
}
