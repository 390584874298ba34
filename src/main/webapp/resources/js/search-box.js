/*
 * The header search box: Enter searches for what was typed unless a suggestion is highlighted
 * (then PrimeFaces picks that suggestion). PrimeFaces alone would only close the open list, or
 * swallow the Enter while a completion request is pending. A file, not an inline script, for
 * the Content-Security-Policy.
 */
document.addEventListener('keydown', function (event) {
    var input = event.target;
    if ((event.key !== 'Enter' && event.key !== 'NumpadEnter') || input.id !== 'site-search:q_input') {
        return;
    }
    var panel = document.getElementById('site-search:q_panel');
    var open = panel && getComputedStyle(panel).display !== 'none';
    if (open && panel.querySelector('.ui-autocomplete-item.ui-state-highlight')) {
        return;
    }
    event.preventDefault();
    event.stopPropagation();
    input.form.requestSubmit(document.getElementById('site-search:go'));
}, true);
