import './ui/styles.css'
import { mount } from './ui/app.js'

const root = document.querySelector<HTMLElement>('#app')
if (root) mount(root)
