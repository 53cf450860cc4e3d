// Warns before the gateway signs someone out for doing nothing, and lets them stay (fragments/layout.html).
// Every page works without it: the footer says when we sign people out.
(function () {
  'use strict';
  var box = document.getElementById('chorus-idle');
  if (!box || typeof box.showModal !== 'function' || !window.fetch) {
    return;
  }
  var minute = 60000;
  var timers = [];

  function signedOut() {
    window.location.assign(box.getAttribute('data-signed-out'));
  }

  function start() {
    timers.forEach(clearTimeout);
    timers = [
      setTimeout(function () {
        box.showModal();
        box.focus();
      }, box.getAttribute('data-warn-after-minutes') * minute),
      setTimeout(signedOut, box.getAttribute('data-sign-out-after-minutes') * minute)
    ];
  }

  // A light GET through the gateway renews its session; an answer other than 204 means it had ended already.
  function stay(event) {
    event.preventDefault();
    box.close();
    start();
    fetch(box.getAttribute('data-keep-alive'), {credentials: 'same-origin', cache: 'no-store', redirect: 'manual'})
      .then(function (answer) {
        if (answer.status !== 204) {
          signedOut();
        }
      }, signedOut);
  }

  document.getElementById('chorus-idle-stay').addEventListener('click', stay);
  box.addEventListener('cancel', stay);
  start();
}());
