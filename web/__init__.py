"""The web page's side of the shop: the chat's callbacks (`chat_ui`) and the page's own scripts (`*.js`)."""
